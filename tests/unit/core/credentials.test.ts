import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIALS_FILENAME, createFileCredentialStore } from '../../../src/main/core/session/file-credential-store';
import { tempDir } from './support/core-harness';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function newDir(): string {
  const dir = tempDir('inbox-cred-');
  dirs.push(dir);
  return join(dir.path, 'desktop');
}

describe('file credential store', () => {
  it('saves JSON readable by the owner only (0600), atomically, and loads it back', async () => {
    const dataDir = newDir();
    const store = createFileCredentialStore(dataDir);
    expect(await store.load()).toBeNull();
    const previousUmask = process.umask(0o000); // even a permissive umask must not widen the mode
    try {
      await store.save({ relayUrl: 'http://127.0.0.1:8787', token: 'sia_secret' });
    } finally {
      process.umask(previousUmask);
    }
    const path = join(dataDir, CREDENTIALS_FILENAME);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ relayUrl: 'http://127.0.0.1:8787', token: 'sia_secret' });
    await store.save({ relayUrl: 'https://relay.shop.tw', token: 'sia_second' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([CREDENTIALS_FILENAME]); // no temporary files left behind
    expect(await store.load()).toEqual({ relayUrl: 'https://relay.shop.tw', token: 'sia_second' });
    await store.clear();
    expect(await store.load()).toBeNull();
    await store.clear();
  });

  it('reports a damaged file clearly instead of guessing', async () => {
    const dataDir = newDir();
    const store = createFileCredentialStore(dataDir);
    await store.save({ relayUrl: 'http://a', token: 't' });
    writeFileSync(join(dataDir, CREDENTIALS_FILENAME), '{not json');
    await expect(store.load()).rejects.toThrow(/not valid JSON/);
    writeFileSync(join(dataDir, CREDENTIALS_FILENAME), '{"relayUrl":""}');
    await expect(store.load()).rejects.toThrow(/not a credentials file/);
    await expect(store.save({ relayUrl: '', token: '' })).rejects.toThrow();
  });
});
