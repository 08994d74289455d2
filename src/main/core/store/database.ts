import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateLocalStore } from './migrate';

export const LOCAL_DB_FILENAME = 'inbox.sqlite';
export type LocalDatabase = Database.Database;

export function localDatabasePath(dataDir: string): string {
  return join(dataDir, LOCAL_DB_FILENAME);
}

/** Opens (creating if needed) the local store in `dataDir` and migrates it to the latest schema. */
export function openLocalDatabase(dataDir: string): LocalDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(localDatabasePath(dataDir));
  try {
    // Inside the try: on a damaged file the first pragma already fails, and the handle must not leak.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrateLocalStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Removes the store and its WAL side files (sign-out: nothing of the shop stays on the machine). */
export function deleteLocalDatabaseFiles(dataDir: string): void {
  const path = localDatabasePath(dataDir);
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}
