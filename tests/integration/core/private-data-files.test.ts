import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, createFileCredentialStore, silentLog, type Core } from '../../../src/main/core';
import { LOCAL_DB_FILENAME } from '../../../src/main/core/store/database';
import { silentLogger } from '../../../src/relay/logger';
import { createAgentToken, loadRelayConfig, startRelay, type RunningRelay } from '../../../src/relay/server';
import { RELAY_DB_FILENAME } from '../../../src/relay/store/database';
import { waitFor } from '../../support/processes';
import { tempDir } from '../../unit/core/support/core-harness';

/**
 * The relay's and the desktop's data folders hold every customer conversation and the agent token: other
 * accounts on the machine must not read them, whatever the umask, and files an older version left
 * world-readable are tightened on the next open. POSIX modes only: Windows has ACLs instead.
 */
const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** Every entry of a data folder with its mode, so a new file written there is checked too. */
function modes(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, modeOf(join(dir, name))]));
}

let dir: ReturnType<typeof tempDir>;
let relay: RunningRelay | null = null;
let core: Core | null = null;
let previousUmask: number;

const relayDir = (): string => join(dir.path, 'data', 'relay');
const desktopDir = (): string => join(dir.path, 'data', 'desktop');

async function startBoth(): Promise<void> {
  relay = await startRelay(loadRelayConfig({ RELAY_HOST: '127.0.0.1', RELAY_PORT: '0', RELAY_DATA_DIR: relayDir() }), {
    logger: silentLogger,
    quotaPolling: false,
  });
  core = await createCore({ dataDir: desktopDir(), credentials: createFileCredentialStore(desktopDir()), log: silentLog });
}

async function stopBoth(): Promise<void> {
  await core?.close();
  await relay?.close();
  core = null;
  relay = null;
}

beforeEach(() => {
  dir = tempDir('inbox-modes-');
  // The most permissive umask: any mode we get is one we set.
  previousUmask = process.umask(0o000);
});
afterEach(async () => {
  await stopBoth();
  process.umask(previousUmask);
  dir.remove();
});

describe.skipIf(process.platform === 'win32')('data folders and files are private to the owner', () => {
  it('creates folders 0700 and every file 0600, the SQLite -wal and -shm and the credential file included', async () => {
    await startBoth();
    // Writes on both sides, so the write-ahead logs exist: a token on the relay, a sign-in and sync on the desktop.
    const token = await createAgentToken(relay!.store, { name: '客服小美', role: 'agent' });
    expect(await core!.handle('session:signIn', { relayUrl: relay!.url, token })).toMatchObject({ ok: true });
    await waitFor(async () => (await core!.handle('sync:status', {})).connection === 'online');

    expect(modeOf(relayDir())).toBe(0o700);
    expect(modes(relayDir())).toEqual({
      [RELAY_DB_FILENAME]: 0o600,
      [`${RELAY_DB_FILENAME}-wal`]: 0o600,
      [`${RELAY_DB_FILENAME}-shm`]: 0o600,
      // Customers' photos and files.
      media: 0o700,
    });
    expect(modeOf(desktopDir())).toBe(0o700);
    expect(modes(desktopDir())).toEqual({
      'credentials.json': 0o600,
      [LOCAL_DB_FILENAME]: 0o600,
      [`${LOCAL_DB_FILENAME}-wal`]: 0o600,
      [`${LOCAL_DB_FILENAME}-shm`]: 0o600,
      // Content shown before (offline cache) and photos and files waiting to be sent.
      'media-cache': 0o700,
      'outbox-files': 0o700,
    });
    // Missing parents are created private too.
    expect(modeOf(join(dir.path, 'data'))).toBe(0o700);
  });

  it('tightens folders and files an older version left world-readable, on the next open', async () => {
    await startBoth();
    const token = await createAgentToken(relay!.store, { name: '客服小美', role: 'agent' });
    expect(await core!.handle('session:signIn', { relayUrl: relay!.url, token })).toMatchObject({ ok: true });
    await stopBoth();
    for (const folder of [relayDir(), desktopDir()]) {
      chmodSync(folder, 0o755);
      for (const name of readdirSync(folder)) chmodSync(join(folder, name), 0o644);
    }

    await startBoth();
    const allPrivate = (folder: string): Record<string, number> =>
      Object.fromEntries(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).isDirectory() ? 0o700 : 0o600]));
    expect(modeOf(relayDir())).toBe(0o700);
    expect(modes(relayDir())).toEqual(allPrivate(relayDir()));
    expect(modeOf(desktopDir())).toBe(0o700);
    expect(modes(desktopDir())).toEqual(allPrivate(desktopDir()));
    expect(Object.keys(modes(desktopDir()))).toEqual(expect.arrayContaining(['credentials.json', LOCAL_DB_FILENAME]));
  });

});
