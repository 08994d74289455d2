import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postLineWebhook, startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { queryTestStore, relayStorageEnv } from '../../support/relay-backend';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, RelayProcess, slowPhotoWebhook, tempDir } from './support';

/**
 * A relay SIGKILLed in the middle of downloading a customer's photo leaves no half-written file anywhere: the
 * partial download is only ever under a temporary name, and the restarted relay resumes the queued download from
 * its database and stores the whole file.
 */
describe('a relay killed mid-download', () => {
  let fakeLine: FakeLine;
  let relay: RelayProcess;
  let dataDir: string;

  beforeAll(async () => {
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    dataDir = tempDir('fault-media-');
    // A short download timeout: the dead process's lease runs out after it + 5 s.
    relay = new RelayProcess({ port: await freePort(), dataDir, fakeLine, storage: relayStorageEnv(dataDir), env: { RELAY_MEDIA_TIMEOUT_MS: '2000' } });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await fakeLine?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps nothing half-written and completes the download after the restart', async () => {
    const { photo, webhook, serveAtOnce } = slowPhotoWebhook(fakeLine, 3);
    expect((await postLineWebhook(relay.url, CHANNEL_SECRET, webhook)).status).toBe(200);

    const mediaDir = join(dataDir, 'media');
    const partialDir = join(mediaDir, '.partial');
    const files = () => readdirSync(mediaDir).filter((name) => name !== '.partial');
    await waitFor(() => existsSync(partialDir) && readdirSync(partialDir).length > 0, { timeoutMs: 10_000, intervalMs: 5, what: 'the download to start' });
    await relay.kill('SIGKILL');
    expect(files()).toEqual([]); // only the temporary file exists, never a half-written one under its real name

    serveAtOnce();
    await relay.start();
    const stored = await waitFor(
      async () => {
        const [row] = await queryTestStore<{ media_id: string; state: string; size: number }>(dataDir, `SELECT media_id, state, size FROM media_items`);
        return row?.state === 'stored' ? row : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the resumed download stored' },
    );
    expect(stored.size).toBe(photo.length);
    expect(readFileSync(join(mediaDir, stored.media_id)).equals(photo)).toBe(true);
    // The dead process's temporary file is swept once its lease could have run out.
    await waitFor(() => readdirSync(partialDir).length === 0, { timeoutMs: 20_000, intervalMs: 100, what: 'the partial file removed' });
    expect(files()).toEqual([stored.media_id]);
  });
});
