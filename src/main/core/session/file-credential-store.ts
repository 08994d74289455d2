import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../fs/write-file-atomically';
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
      await writeFileAtomically(path, JSON.stringify(valid), 0o600);
    },
    async clear(): Promise<void> {
      await rm(path, { force: true });
    },
  };
}
