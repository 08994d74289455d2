import Database from 'better-sqlite3';
import type { LocalDatabase } from './database';
import { migrateLocalStore } from './migrate';

/**
 * Telling a damaged local store from other failures. SQLite reports page-level damage as SQLITE_CORRUPT
 * (and its extended codes) and a file that is no database at all (overwritten header, truncated to
 * nothing useful) as SQLITE_NOTADB. Other errors (busy, full disk, a constraint) are not damage.
 */
export function isStoreDamageError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  return error.code.startsWith('SQLITE_CORRUPT') || error.code.startsWith('SQLITE_NOTADB');
}

/**
 * PRAGMA quick_check on open: it walks every page of every b-tree (what disk damage breaks) but skips
 * integrity_check's comparison of each index with its table. On the 1,000,000-message bench store
 * (349 MiB, `scripts/bench/store-check.ts`) quick_check takes about 1.6 s and integrity_check about
 * 2.8 s; a store of a few thousand conversations checks in tens of milliseconds.
 * Returns null when the store is sound, otherwise SQLite's first findings.
 */
export function quickCheckFindings(db: LocalDatabase): string | null {
  const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
  const findings = rows.map((row) => row.quick_check).filter((finding) => finding !== 'ok');
  return findings.length === 0 ? null : findings.join('; ');
}

/** An empty store in memory: answers every query with nothing while the real one is damaged. */
export function openPlaceholderStore(): LocalDatabase {
  const db = new Database(':memory:');
  migrateLocalStore(db);
  return db;
}
