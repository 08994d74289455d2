import { safeStorage } from 'electron';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { TokenStorage } from '../../shared/ipc/views';
import { ensurePrivateDir, restrictFiles } from '../core/fs/private-files';
import { writeFileAtomically } from '../core/fs/write-file-atomically';
import { credentialsSchema, type CredentialStore, type Credentials } from '../core/session/credential-store';
import { CREDENTIALS_FILENAME, createFileCredentialStore } from '../core/session/file-credential-store';

export const VAULT_FILENAME = 'credentials.bin';

export interface TokenVaultOptions {
  platform?: NodeJS.Platform;
  /** Where the "not encrypted" notice goes besides the UI. Default: console.warn. */
  warn?: (message: string) => void;
}

/**
 * Whether safeStorage really encrypts. On Linux without a keyring (GNOME Keyring, KWallet) Electron falls
 * back to the `basic_text` backend: it still "encrypts", with a password hard-coded in Chromium — anyone
 * who can read the file can decrypt it. That is no better than a 0600 file, so we say so instead.
 */
export function tokenProtection(platform: NodeJS.Platform = process.platform): { storage: TokenStorage; reason: string | null } {
  if (!safeStorage.isEncryptionAvailable()) {
    return { storage: 'owner_only_file', reason: 'the operating system offers no secure storage to this app' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return { storage: 'owner_only_file', reason: 'no keyring (GNOME Keyring or KWallet) is running, so safeStorage would only use a built-in key' };
  }
  return { storage: 'os_encrypted', reason: null };
}

/**
 * The agent token in `userDataDir`: encrypted with the OS keychain (safeStorage: DPAPI on Windows, Keychain
 * on macOS, libsecret/KWallet on Linux) in credentials.bin; without real encryption, as JSON in a 0600
 * credentials.json, reported through `storage` (shown in the UI) and one log line. A sign-in saved the other
 * way (a keyring that appeared or went away since) is moved over on the next load.
 */
export function createSafeStorageCredentialStore(userDataDir: string, options: TokenVaultOptions = {}): CredentialStore {
  const protection = tokenProtection(options.platform);
  const plain = createFileCredentialStore(userDataDir);
  const encrypted = createEncryptedFile(join(userDataDir, VAULT_FILENAME), userDataDir);
  if (protection.reason) {
    (options.warn ?? console.warn)(
      `[vault] The agent token is NOT encrypted on this computer: ${protection.reason}. It is kept in ${join(userDataDir, CREDENTIALS_FILENAME)}, readable only by this user (0600).`,
    );
  }
  const [primary, secondary] = protection.storage === 'os_encrypted' ? [encrypted, plain] : [plain, encrypted];
  return {
    storage: protection.storage,
    async load(): Promise<Credentials | null> {
      const current = await primary.load();
      if (current) return current;
      const older = await secondary.load();
      if (!older) return null;
      await primary.save(older);
      await secondary.clear();
      return older;
    },
    async save(credentials: Credentials): Promise<void> {
      await primary.save(credentials);
      await secondary.clear();
    },
    async clear(): Promise<void> {
      await primary.clear();
      await secondary.clear();
    },
  };
}

type FileStore = Omit<CredentialStore, 'storage'>;

function createEncryptedFile(path: string, dir: string): FileStore {
  return {
    async load(): Promise<Credentials | null> {
      let data: Buffer;
      try {
        restrictFiles([path]);
        data = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(safeStorage.decryptString(data));
      } catch {
        throw new Error('The saved sign-in cannot be decrypted on this computer; sign in again');
      }
      const parsed = credentialsSchema.safeParse(json);
      if (!parsed.success) throw new Error(`The saved sign-in is damaged: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    },
    async save(credentials: Credentials): Promise<void> {
      const data = safeStorage.encryptString(JSON.stringify(credentialsSchema.parse(credentials)));
      ensurePrivateDir(dir);
      await writeFileAtomically(path, data, 0o600);
    },
    async clear(): Promise<void> {
      await rm(path, { force: true });
    },
  };
}
