import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateFile, ensurePrivateDir, restrictFiles } from '../fs/private-files';
import { migrateLocalStore } from './migrate';

export const LOCAL_DB_FILENAME = 'inbox.sqlite';
export type LocalDatabase = Database.Database;

export function localDatabasePath(dataDir: string): string {
  return join(dataDir, LOCAL_DB_FILENAME);
}

export function localDatabaseFiles(dataDir: string): string[] {
  const path = localDatabasePath(dataDir);
  return [path, `${path}-wal`, `${path}-shm`];
}

/**
 * Opens (creating if needed) the local store in `dataDir` and migrates it to the latest schema.
 * Folder 0700, database 0600 before SQLite opens it: SQLite gives -wal and -shm the database file's mode.
 */
export function openLocalDatabase(dataDir: string): LocalDatabase {
  ensurePrivateDir(dataDir);
  createPrivateFile(localDatabasePath(dataDir));
  restrictFiles(localDatabaseFiles(dataDir));
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
  for (const file of localDatabaseFiles(dataDir)) rmSync(file, { force: true });
}
