import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postLineWebhook } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, slowPhotoWebhook } from '../faults/support';
import { waitFor } from '../../support/processes';
import { queryTestStore } from '../../support/relay-backend';
import { createTokenWithCli, useRelayCluster } from './relay-cluster';

/** A short download timeout: a dead process's lease on a download runs out after it + 5 s. */
const DOWNLOAD_TIMEOUT_MS = 2_000;

/**
 * Two relay processes on one database and one shared media folder. A customer's photo is downloaded by ONE of
 * them (its lease in the store); that process is SIGKILLed mid-download, and the other — running all along, never
 * restarted — takes the job over once the lease ran out, stores the whole file and serves it to agents.
 */
describe('a customer photo downloaded across two relay processes', () => {
  const scene = useRelayCluster(2, { RELAY_MEDIA_TIMEOUT_MS: String(DOWNLOAD_TIMEOUT_MS) });

  it('is taken over by the surviving relay when the downloading one is killed, stored once and served by it', async () => {
    const cluster = scene.cluster();
    const fakeLine = scene.fakeLine();
    const { photo, webhook, serveAtOnce } = slowPhotoWebhook(fakeLine, 7);
    expect((await postLineWebhook(cluster.relays[0]!.url, CHANNEL_SECRET, webhook)).status).toBe(200);

    // Whichever relay took the job holds its lease: its owner names the process.
    const lease = await waitFor(
      async () => (await queryTestStore<{ media_id: string; lease_owner: string | null }>(cluster.dataDir, 'SELECT media_id, lease_owner FROM media_items'))[0]?.lease_owner ?? undefined,
      { timeoutMs: 20_000, what: 'a relay to lease the download' },
    );
    const downloader = cluster.relays.find((relay) => lease.includes(`:${relay.pid()}:`));
    const survivor = cluster.relays.find((relay) => relay !== downloader)!;
    expect(downloader).toBeDefined();
    const partialDir = join(cluster.dataDir, 'media', '.partial');
    await waitFor(() => existsSync(partialDir) && readdirSync(partialDir).length > 0, { timeoutMs: 10_000, intervalMs: 5, what: 'the download to start' });
    await downloader!.kill('SIGKILL');

    serveAtOnce();
    const stored = await waitFor(
      async () => {
        const [row] = await queryTestStore<{ media_id: string; state: string; size: number; lease_owner: string | null }>(
          cluster.dataDir,
          'SELECT media_id, state, size, lease_owner FROM media_items',
        );
        return row?.state === 'stored' ? row : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 100, what: 'the surviving relay to store the photo' },
    );
    expect(stored.size).toBe(photo.length);
    const ready = await queryTestStore<{ n: number }>(cluster.dataDir, `SELECT COUNT(*) AS n FROM events WHERE type = 'message.mediaReady'`);
    expect(ready).toEqual([{ n: 1 }]);

    const token = await createTokenWithCli(cluster, '小美');
    const served = await fetch(`${survivor.url}/media/${stored.media_id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
    // The dead process's temporary file is swept by the survivor once its lease could have run out.
    await waitFor(() => readdirSync(partialDir).length === 0, { timeoutMs: 30_000, intervalMs: 100, what: 'the partial file removed' });
  }, 120_000);
});
