import { ensurePrivateDir } from '../fs/private-files';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalDatabase } from '../store/database';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { cachedFileNames, cacheFileName, evictCached, findCached, recordCached, touchCached } from './media-cache-rows';

/** What the app keeps of content it has shown, unless told otherwise: enough for weeks of photos. */
export const DEFAULT_MEDIA_CACHE_BYTES = 512 * 1024 * 1024;

export interface MediaCache {
  get(db: LocalDatabase, cacheKey: string): Promise<{ body: Buffer; contentType: string } | null>;
  put(db: LocalDatabase, cacheKey: string, body: Buffer, contentType: string): Promise<void>;
  /** Deletes files the index no longer lists (evicted, withdrawn, or from a store that was replaced). */
  sweep(db: LocalDatabase): Promise<number>;
}

/**
 * Content the agent has seen, in `<dataDir>/media-cache` (0700, files 0600), indexed in the local store and bounded
 * by `maxBytes` (least recently shown out first), so a conversation looked at before still shows offline.
 */
export function createMediaCache(options: { dir: string; maxBytes: number; now: () => number }): MediaCache {
  ensurePrivateDir(options.dir);
  const pathOf = (fileName: string) => join(options.dir, fileName);

  return {
    async get(db, cacheKey) {
      const entry = findCached(db, cacheKey);
      if (!entry) return null;
      try {
        const body = await readFile(pathOf(entry.fileName));
        touchCached(db, cacheKey, options.now());
        return { body, contentType: entry.contentType };
      } catch {
        return null;
      }
    },

    async put(db, cacheKey, body, contentType) {
      if (body.length > options.maxBytes) return;
      const fileName = cacheFileName(cacheKey);
      await writeFileAtomically(pathOf(fileName), body, 0o600);
      const evicted = db.transaction(() => {
        recordCached(db, { cacheKey, fileName, contentType, size: body.length }, options.now());
        return evictCached(db, options.maxBytes);
      })();
      for (const name of evicted) await rm(pathOf(name), { force: true });
    },

    async sweep(db) {
      const listed = cachedFileNames(db);
      let removed = 0;
      for (const name of await readdir(options.dir).catch(() => [] as string[])) {
        if (listed.has(name)) continue;
        await rm(pathOf(name), { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}
