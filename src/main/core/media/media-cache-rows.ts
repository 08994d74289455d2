import { createHash } from 'node:crypto';
import type { MessageContent } from '../../../shared/protocol/message-content';
import type { LocalDatabase } from '../store/database';
import { statement } from '../store/statements';

/** The cache's index in the local store (schema 9): which file holds what, and when it was last shown. */
export interface CachedMedia {
  cacheKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A cache file's name: a hash of what it holds, so nothing of the URL or the customer shows on disk. */
export function cacheFileName(cacheKey: string): string {
  return createHash('sha256').update(cacheKey).digest('hex');
}

export function findCached(db: LocalDatabase, cacheKey: string): CachedMedia | null {
  const row = statement(db, 'SELECT cache_key AS cacheKey, file_name AS fileName, content_type AS contentType, size FROM media_cache WHERE cache_key = ?').get(
    cacheKey,
  ) as CachedMedia | undefined;
  return row ?? null;
}

export function touchCached(db: LocalDatabase, cacheKey: string, now: number): void {
  statement(db, 'UPDATE media_cache SET last_used_at = ? WHERE cache_key = ?').run(now, cacheKey);
}

export function recordCached(db: LocalDatabase, entry: CachedMedia, now: number): void {
  statement(
    db,
    `INSERT INTO media_cache (cache_key, file_name, content_type, size, last_used_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (cache_key) DO UPDATE SET content_type = excluded.content_type, size = excluded.size, last_used_at = excluded.last_used_at`,
  ).run(entry.cacheKey, entry.fileName, entry.contentType, entry.size, now);
}

/** Removes the least recently shown entries until the cache holds at most `maxBytes`; returns their file names. */
export function evictCached(db: LocalDatabase, maxBytes: number): string[] {
  const rows = statement(db, 'SELECT cache_key, file_name, size FROM media_cache ORDER BY last_used_at DESC, cache_key').all() as {
    cache_key: string;
    file_name: string;
    size: number;
  }[];
  let kept = 0;
  const evicted: string[] = [];
  const remove = statement(db, 'DELETE FROM media_cache WHERE cache_key = ?');
  for (const row of rows) {
    if (kept + row.size <= maxBytes) {
      kept += row.size;
      continue;
    }
    remove.run(row.cache_key);
    evicted.push(row.file_name);
  }
  return evicted;
}

export function cachedFileNames(db: LocalDatabase): Set<string> {
  return new Set((statement(db, 'SELECT file_name FROM media_cache').all() as { file_name: string }[]).map((row) => row.file_name));
}

/** The keys under which a message's content may be cached (its content, its preview, its sticker image). */
export function cacheKeysOf(content: MessageContent): string[] {
  const keys: string[] = [];
  if (content.media) keys.push(content.media.url, ...(content.media.previewUrl ? [content.media.previewUrl] : []));
  return keys;
}

/** An unsent message's content is forgotten at once; its files go with the next sweep of unlisted files. */
export function forgetCachedMediaOf(db: LocalDatabase, content: MessageContent): void {
  const remove = statement(db, 'DELETE FROM media_cache WHERE cache_key = ?');
  for (const key of cacheKeysOf(content)) remove.run(key);
}
