import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { credentialsSchema, type CredentialStore, type Credentials } from './credential-store';

export const CREDENTIALS_FILENAME = 'credentials.json';

/**
 * Credentials as JSON in `${dataDir}/credentials.json`, readable by the owner only (0600), written to a
 * temporary file and renamed over the old one so a crash never leaves a half-written token.
 */
export function createFileCredentialStore(dataDir: string): CredentialStore {
  const path = join(dataDir, CREDENTIALS_FILENAME);
  return {
    async load(): Promise<Credentials | null> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`${path} is not valid JSON; delete it and sign in again`);
      }
      const parsed = credentialsSchema.safeParse(json);
      if (!parsed.success) throw new Error(`${path} is not a credentials file: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    },
    async save(credentials: Credentials): Promise<void> {
      const valid = credentialsSchema.parse(credentials);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(valid), { mode: 0o600, flag: 'wx' });
        // The umask cannot widen the mode, but an explicit chmod makes the 0600 independent of it.
        await chmod(temporary, 0o600);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async clear(): Promise<void> {
      await rm(path, { force: true });
    },
  };
}
