import type Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../src/relay/store/migrate';
import { migration011WebchatVisitors } from '../../../../src/relay/store/migrations/011_webchat_visitors';

/**
 * Migrates to the newest schema and then to the web chat's version 11. Until schema 10 (the channel-neutral
 * store) is in this tree, 011's SQL is applied directly on top of the newest version there is.
 */
export function bringToWebchatSchema(db: Database.Database): void {
  migrate(db);
  if (schemaVersion(db) < migration011WebchatVisitors.version) {
    db.transaction(() => {
      db.exec(migration011WebchatVisitors.up);
      db.pragma(`user_version = ${migration011WebchatVisitors.version}`);
    })();
  }
}
