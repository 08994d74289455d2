import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  safeStorage: {
    available: true,
    backend: 'gnome_libsecret' as string,
    isEncryptionAvailable: vi.fn(() => electron.safeStorage.available),
    getSelectedStorageBackend: vi.fn(() => electron.safeStorage.backend),
    // A reversible stand-in for the OS keychain: enough to prove nothing is stored in clear text.
    encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: vi.fn((data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8')),
  },
}));
vi.mock('electron', () => electron);

import { CREDENTIALS_FILENAME } from '../../../src/main/core/session/file-credential-store';
import { VAULT_FILENAME, createSafeStorageCredentialStore } from '../../../src/main/electron/token-vault';
import { tempDir } from '../core/support/core-harness';

const SIGN_IN = { relayUrl: 'https://relay.shop.tw', token: 'sia_very_secret' };
const posix = process.platform !== 'win32';

let dir: ReturnType<typeof tempDir>;
let warnings: string[];
beforeEach(() => {
  dir = tempDir('inbox-vault-');
  warnings = [];
  electron.safeStorage.available = true;
  electron.safeStorage.backend = 'gnome_libsecret';
  electron.safeStorage.encryptString.mockClear();
});
afterEach(() => dir.remove());

function vault(platform: NodeJS.Platform = 'linux') {
  return createSafeStorageCredentialStore(dir.path, { platform, warn: (message) => warnings.push(message) });
}

describe('safeStorage credential store', () => {
  it('stores the token encrypted, owner-only, and reads it back', async () => {
    const store = vault();
    expect(store.storage).toBe('os_encrypted');
    expect(warnings).toEqual([]);
    expect(await store.load()).toBeNull();
    await store.save(SIGN_IN);
    const path = join(dir.path, VAULT_FILENAME);
    expect(readFileSync(path).toString('utf8')).not.toContain('sia_very_secret');
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(SIGN_IN);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('on Linux without a keyring (basic_text) says the token is not encrypted and keeps it in a 0600 file', async () => {
    electron.safeStorage.backend = 'basic_text';
    const store = vault('linux');
    expect(store.storage).toBe('owner_only_file');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/NOT encrypted.*no keyring.*0600/);
    await store.save(SIGN_IN);
    // No pretend encryption with Chromium's built-in key, and no credentials.bin that claims it.
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(existsSync(join(dir.path, VAULT_FILENAME))).toBe(false);
    const path = join(dir.path, CREDENTIALS_FILENAME);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(SIGN_IN);
    if (posix) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dir.path).mode & 0o777).toBe(0o700);
    }
    expect(await store.load()).toEqual(SIGN_IN);
  });

  it('basic_text is only a Linux answer; elsewhere safeStorage is the OS keychain', () => {
    electron.safeStorage.backend = 'basic_text';
    expect(vault('darwin').storage).toBe('os_encrypted');
    expect(warnings).toEqual([]);
  });

  it('keeps a 0600 file with the warning when the OS offers no encryption at all', async () => {
    electron.safeStorage.available = false;
    const store = vault('win32');
    expect(store.storage).toBe('owner_only_file');
    expect(warnings[0]).toMatch(/NOT encrypted/);
    await store.save(SIGN_IN);
    expect(await store.load()).toEqual(SIGN_IN);
    expect(existsSync(join(dir.path, VAULT_FILENAME))).toBe(false);
  });

  it('moves a sign-in saved the other way: basic_text ciphertext from an older version, or a plain file once a keyring appears', async () => {
    writeFileSync(join(dir.path, VAULT_FILENAME), electron.safeStorage.encryptString(JSON.stringify(SIGN_IN)));
    electron.safeStorage.backend = 'basic_text';
    expect(await vault().load()).toEqual(SIGN_IN);
    expect(existsSync(join(dir.path, VAULT_FILENAME))).toBe(false);
    expect(existsSync(join(dir.path, CREDENTIALS_FILENAME))).toBe(true);

    electron.safeStorage.backend = 'kwallet5';
    expect(await vault().load()).toEqual(SIGN_IN);
    expect(existsSync(join(dir.path, CREDENTIALS_FILENAME))).toBe(false);
    expect(readFileSync(join(dir.path, VAULT_FILENAME)).toString('utf8')).not.toContain('sia_very_secret');
  });
});
