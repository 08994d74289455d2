import { safeStorage } from 'electron';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../core/fs/write-file-atomically';
import { credentialsSchema, type CredentialStore, type Credentials } from '../core/session/credential-store';

export const VAULT_FILENAME = 'credentials.bin';

export class EncryptionUnavailableError extends Error {
  constructor() {
    super(
      'This computer offers no secure storage for the agent token (on Linux: no keyring such as GNOME Keyring or KWallet), so it was not saved.',
    );
  }
}

/**
 * The agent token encrypted with the OS keychain (safeStorage: DPAPI on Windows, Keychain on macOS,
 * libsecret on Linux) in `${userDataDir}/credentials.bin`. Refuses to store anything in clear text.
 */
export function createSafeStorageCredentialStore(userDataDir: string): CredentialStore {
  const path = join(userDataDir, VAULT_FILENAME);
  return {
    async load(): Promise<Credentials | null> {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (!safeStorage.isEncryptionAvailable()) throw new EncryptionUnavailableError();
      let json: unknown;
      try {
        json = JSON.parse(safeStorage.decryptString(encrypted));
      } catch {
        throw new Error('The saved sign-in cannot be decrypted on this computer; sign in again');
      }
      const parsed = credentialsSchema.safeParse(json);
      if (!parsed.success) throw new Error(`The saved sign-in is damaged: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    },
    async save(credentials: Credentials): Promise<void> {
      if (!safeStorage.isEncryptionAvailable()) throw new EncryptionUnavailableError();
      const encrypted = safeStorage.encryptString(JSON.stringify(credentialsSchema.parse(credentials)));
      await mkdir(userDataDir, { recursive: true });
      await writeFileAtomically(path, encrypted, 0o600);
    },
    async clear(): Promise<void> {
      await rm(path, { force: true });
    },
  };
}
