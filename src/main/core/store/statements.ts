import type Database from 'better-sqlite3';
import type { LocalDatabase } from './database';

/**
 * Prepared statements cached per open database. Preparing costs more than running a small statement,
 * and sync applies several per event, so every store function reuses its statements. A WeakMap keyed
 * by the connection drops them with it (sign-out replaces the database).
 */
const cache = new WeakMap<LocalDatabase, Map<string, Database.Statement>>();

export function statement(db: LocalDatabase, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}
