import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  safeStorage: {
    available: true,
    isEncryptionAvailable: vi.fn(() => electron.safeStorage.available),
    // A reversible stand-in for the OS keychain: enough to prove nothing is stored in clear text.
    encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: vi.fn((data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8')),
  },
}));
vi.mock('electron', () => electron);

import { VAULT_FILENAME, createSafeStorageCredentialStore } from '../../../src/main/electron/token-vault';
import { tempDir } from '../core/support/core-harness';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('inbox-vault-');
  electron.safeStorage.available = true;
});
afterEach(() => dir.remove());

describe('safeStorage credential store', () => {
  it('stores the token encrypted, owner-only, and reads it back', async () => {
    const store = createSafeStorageCredentialStore(dir.path);
    expect(await store.load()).toBeNull();
    await store.save({ relayUrl: 'https://relay.shop.tw', token: 'sia_very_secret' });
    const path = join(dir.path, VAULT_FILENAME);
    expect(readFileSync(path).toString('utf8')).not.toContain('sia_very_secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ relayUrl: 'https://relay.shop.tw', token: 'sia_very_secret' });
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('refuses to store anything when the OS offers no encryption', async () => {
    electron.safeStorage.available = false;
    const store = createSafeStorageCredentialStore(dir.path);
    await expect(store.save({ relayUrl: 'http://a', token: 'b' })).rejects.toThrow(/no secure storage/);
    expect(() => statSync(join(dir.path, VAULT_FILENAME))).toThrow();
  });
});
