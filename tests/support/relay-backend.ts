import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadRelayConfig } from '../../src/relay/config';
import { RELAY_DB_FILENAME } from '../../src/relay/store/database';
import { openRelayStore } from '../../src/relay/store/open-relay-store';
import { clientConfig } from '../../src/relay/store/postgres/pg-connection';
import type { RelayStore } from '../../src/relay/store/relay-store';
import type { ChannelSettings } from '../../src/relay/store/sqlite-window-claims';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL database the `integration-postgres` project's server made for this run (postgres-global-setup.ts). */
    relayTestDatabaseUrl: string;
  }
}

/**
 * Which store the relay tests run on: the `integration` project runs them on SQLite, `integration-postgres` (same
 * files) on the PostgreSQL server its global setup started. Run by hand with RELAY_DATABASE_URL set
 * (`RELAY_DATABASE_URL=postgres://… npx vitest run --project integration tests/integration/relay`), they run on
 * that database. Tests name a relay by its data folder, as they always did; on PostgreSQL every folder gets a
 * schema of its own, so relays of different tests never share a store while a restarted relay (same folder) finds
 * its data again.
 */
export type RelayTestBackend = 'sqlite' | 'postgres';

/** The database the PostgreSQL run puts its schemas in, or null for SQLite. */
function testDatabaseUrl(): string | null {
  if (process.env.RELAY_TEST_BACKEND === 'postgres') return inject('relayTestDatabaseUrl');
  if (process.env.RELAY_TEST_BACKEND === 'sqlite') return null;
  const given = process.env.RELAY_DATABASE_URL?.trim();
  return given ? given : null;
}

export function relayTestBackend(): RelayTestBackend {
  return testDatabaseUrl() === null ? 'sqlite' : 'postgres';
}

/** The schema a data folder's relay uses on PostgreSQL. */
export function schemaForDataDir(dataDir: string): string {
  return `r_${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
}

/**
 * SQLite in `dataDir`, whatever the environment says (for tests that read the relay's SQLite file): an inherited
 * RELAY_DATABASE_URL is cleared for the relay processes they start.
 */
export function sqliteStorageEnv(dataDir: string): Record<string, string> {
  return { RELAY_DATA_DIR: dataDir, RELAY_DATABASE_URL: '' };
}

/** The store settings for a relay on `dataDir`: SQLite there, or its own schema in the run's PostgreSQL database. */
export function relayStorageEnv(dataDir: string): Record<string, string> {
  const base = testDatabaseUrl();
  if (base === null) return sqliteStorageEnv(dataDir);
  const url = new URL(base);
  url.searchParams.set('schema', schemaForDataDir(dataDir));
  return { RELAY_DATA_DIR: dataDir, RELAY_DATABASE_URL: url.toString() };
}

/** A second connection to the store of the relay on `dataDir` (inspecting it, or acting as another process would). */
export function openTestRelayStore(dataDir: string, settings?: ChannelSettings): Promise<RelayStore> {
  return openRelayStore(loadRelayConfig(relayStorageEnv(dataDir)), settings);
}

/**
 * Runs one SQL statement (written so both SQLite and PostgreSQL accept it) straight on the store of the relay on
 * `dataDir`, as an operator or another tool would, and returns its rows.
 */
export async function queryTestStore<T>(dataDir: string, sql: string): Promise<T[]> {
  const config = loadRelayConfig(relayStorageEnv(dataDir));
  if (config.database.kind === 'sqlite') {
    const db = new Database(join(dataDir, RELAY_DB_FILENAME));
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all() : (statement.run(), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client(clientConfig(config.database.target, 'relay-tests'));
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
