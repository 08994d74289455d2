import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate';

export const RELAY_DB_FILENAME = 'relay.sqlite';

/**
 * Opens (creating if needed) the relay database in `dataDir` and migrates it.
 * WAL lets readers run while one writer commits; busy_timeout lets a second process wait for the lock.
 */
export function openRelayDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, RELAY_DB_FILENAME));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
