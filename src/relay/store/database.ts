import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from './migrate';
import { preparePrivateDatabase } from './private-data-dir';

export const RELAY_DB_FILENAME = 'relay.sqlite';

/**
 * Opens (creating if needed) the relay database in `dataDir` and migrates it.
 * Folder 0700, files 0600 (private-data-dir.ts).
 * WAL lets readers run while one writer commits; busy_timeout lets a second process wait for the lock.
 */
export function openRelayDatabase(dataDir: string): Database.Database {
  const path = join(dataDir, RELAY_DB_FILENAME);
  preparePrivateDatabase(dataDir, [path, `${path}-wal`, `${path}-shm`]);
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
