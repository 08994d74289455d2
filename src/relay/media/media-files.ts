import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { preparePrivateFolder } from '../store/private-data-dir';

/** A stored file's variants: the content itself and a smaller preview image. */
export type MediaVariant = 'full' | 'preview';

/** The first bytes of a file, enough to tell its type by magic bytes. */
export const SNIFF_BYTES = 4100;

export class MediaTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/** A file received into a temporary name: nothing is visible under its real name until `commit`. */
export interface PartialFile {
  /** Where the bytes are until `commit` (for reading them back, e.g. to make a preview). */
  path: string;
  size: number;
  /** The first SNIFF_BYTES bytes. */
  head: Buffer;
  /** fsync'd already; renames it into place (atomically replacing an older copy). */
  commit(mediaId: string, variant: MediaVariant): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Where the relay keeps content (a folder beside its database). Small on purpose, so another backend (object
 * storage) can take its place: receive into a temporary file, commit under the media id, read, remove.
 */
export interface MediaFileStore {
  receive(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<PartialFile>;
  /** null when the file is not there. */
  read(mediaId: string, variant: MediaVariant): Promise<{ stream: ReadStream; size: number } | null>;
  remove(mediaId: string): Promise<void>;
  /** Deletes temporary files older than `olderThanMs` (left by a process that died mid-download). */
  removeStalePartials(now: number, olderThanMs: number): Promise<number>;
}

const PARTIAL_DIR = '.partial';
const isMediaId = (mediaId: string) => /^[A-Za-z0-9_-]{1,80}$/.test(mediaId);

/** Files under `<dataDir>/media`, 0600 in a 0700 folder like the database. */
export function createMediaFolder(dir: string): MediaFileStore {
  const partialDir = join(dir, PARTIAL_DIR);
  preparePrivateFolder(dir);
  preparePrivateFolder(partialDir);
  const pathOf = (mediaId: string, variant: MediaVariant) => {
    if (!isMediaId(mediaId)) throw new Error('Invalid media id');
    return join(dir, variant === 'full' ? mediaId : `${mediaId}.preview`);
  };

  return {
    async receive(chunks, maxBytes) {
      const tempPath = join(partialDir, `${randomBytes(12).toString('hex')}.part`);
      const handle = await open(tempPath, 'wx', 0o600);
      let size = 0;
      const headParts: Buffer[] = [];
      let headSize = 0;
      try {
        for await (const chunk of chunks) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
          if (headSize < SNIFF_BYTES) {
            const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - headSize));
            headParts.push(part);
            headSize += part.length;
          }
          await handle.write(chunk);
        }
        // On disk before it gets its real name: a crash after the rename never leaves a half-written file.
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(tempPath, { force: true });
        throw error;
      }
      await handle.close();
      let committed = false;
      return {
        path: tempPath,
        size,
        head: Buffer.concat(headParts),
        async commit(mediaId, variant) {
          await rename(tempPath, pathOf(mediaId, variant));
          committed = true;
          const folder = await open(dir, 'r');
          try {
            await folder.sync();
          } catch {
            // Some platforms cannot fsync a folder; the rename itself is still atomic.
          } finally {
            await folder.close();
          }
        },
        discard: async () => {
          if (!committed) await rm(tempPath, { force: true });
        },
      };
    },

    async read(mediaId, variant) {
      if (!isMediaId(mediaId)) return null;
      const path = pathOf(mediaId, variant);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch {
        return null;
      }
    },

    async remove(mediaId) {
      if (!isMediaId(mediaId)) return;
      await rm(pathOf(mediaId, 'full'), { force: true });
      await rm(pathOf(mediaId, 'preview'), { force: true });
    },

    async removeStalePartials(now, olderThanMs) {
      let removed = 0;
      for (const name of await readdir(partialDir).catch(() => [] as string[])) {
        const path = join(partialDir, name);
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs >= olderThanMs) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
