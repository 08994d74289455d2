import { ensurePrivateDir } from '../fs/private-files';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UPLOAD_ID_PATTERN } from '../../../shared/protocol/outbound-content';
import { writeFileAtomically } from '../fs/write-file-atomically';

/**
 * Photos and files an agent queued to send, kept in `<dataDir>/outbox-files/<uploadId>` (0600) until the relay has
 * them: written before the outbox row exists, read when the row is flushed (offline for as long as it takes).
 */
export interface OutboxFiles {
  write(uploadId: string, bytes: Buffer): Promise<void>;
  read(uploadId: string): Promise<Buffer | null>;
  /** Removes the files of uploads no longer waiting (`keep`: ids still referenced). */
  sweep(keep: ReadonlySet<string>): Promise<number>;
}

export function createOutboxFiles(dir: string): OutboxFiles {
  ensurePrivateDir(dir);
  const pathOf = (uploadId: string) => {
    if (!UPLOAD_ID_PATTERN.test(uploadId)) throw new Error('Invalid upload id');
    return join(dir, uploadId);
  };
  return {
    write: (uploadId, bytes) => writeFileAtomically(pathOf(uploadId), bytes, 0o600),
    async read(uploadId) {
      try {
        return await readFile(pathOf(uploadId));
      } catch {
        return null;
      }
    },
    async sweep(keep) {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (keep.has(name) || !UPLOAD_ID_PATTERN.test(name)) continue;
        await rm(join(dir, name), { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}
