import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, restrictFiles } from '../fs/private-files';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { credentialsSchema, type CredentialStore, type Credentials } from './credential-store';

export const CREDENTIALS_FILENAME = 'credentials.json';

/**
 * Credentials as JSON in `${dataDir}/credentials.json` — not encrypted, readable by the owner only (0600 in a
 * 0700 folder) — written to a temporary file and renamed over the old one so a crash never leaves a
 * half-written token.
 */
export function createFileCredentialStore(dataDir: string): CredentialStore {
  const path = join(dataDir, CREDENTIALS_FILENAME);
  return {
    storage: 'owner_only_file',
    async load(): Promise<Credentials | null> {
      let text: string;
      try {
        restrictFiles([path]); // an older copy may have been left more open
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
      ensurePrivateDir(dataDir);
      await writeFileAtomically(path, JSON.stringify(valid), 0o600);
    },
    async clear(): Promise<void> {
      await rm(path, { force: true });
    },
  };
}
