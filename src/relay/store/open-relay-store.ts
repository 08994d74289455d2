import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { everyProcessLease, type BackgroundLease } from '../coordination/background-lease';
import type { RelayConfig, RelayDatabaseConfig } from '../config';
import type { Logger } from '../logger';
import { LATEST_SCHEMA_VERSION } from './migrate';
import type { RelayStore } from './relay-store';
import { SqliteRelayStore } from './sqlite-relay-store';
import type { ChannelSettings } from './sqlite-window-claims';

/** What /healthz says about the store (never a path, host or password: the endpoint is public). */
export type DatabaseHealth =
  | { backend: 'sqlite'; ok: true; schemaVersion: number }
  | { backend: 'postgres'; ok: true; schemaVersion: number; notifications: boolean }
  | { backend: RelayDatabaseConfig['kind']; ok: false; error: string };

/** The store with what this relay process needs to run beside others on it. */
export interface RelayBackend {
  store: RelayStore;
  lease: BackgroundLease;
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** "PostgreSQL db.example:5432/shop (schema public)" or "SQLite in ./.data/relay", for logs and the CLI. */
export function describeDatabase(config: RelayConfig): string {
  const { database } = config;
  return database.kind === 'postgres'
    ? `PostgreSQL ${database.target.displayName} (schema ${database.target.schema})`
    : `SQLite in ${database.dataDir}`;
}

/** The PostgreSQL backend and its driver are loaded only by relays configured for it (SQLite starts as fast as ever). */
const loadPostgres = async () => ({
  ...(await import('./postgres/postgres-relay-store')),
  ...(await import('./postgres/pg-leases')),
});

/** Opens the configured store alone (CLI commands): no notifications, no lease. */
export async function openRelayStore(config: RelayConfig, settings?: ChannelSettings): Promise<RelayStore> {
  const { database } = config;
  if (database.kind === 'sqlite') return SqliteRelayStore.open(database.dataDir, settings);
  const { PostgresRelayStore } = await loadPostgres();
  return PostgresRelayStore.open(database.target, { settings, poolSize: database.poolSize, listen: false });
}

/**
 * RELAY_DATABASE_URL set: PostgreSQL, notifications of other processes' events, and the background-work lease.
 * Unset: the SQLite file in RELAY_DATA_DIR, as always; every process sweeps.
 */
export async function openRelayBackend(config: RelayConfig, settings: ChannelSettings, logger: Logger): Promise<RelayBackend> {
  const processId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const { database } = config;
  if (database.kind === 'sqlite') {
    const store = SqliteRelayStore.open(database.dataDir, settings);
    return {
      store,
      lease: everyProcessLease(processId),
      health: async () => {
        try {
          await store.headSeq();
          return { backend: 'sqlite', ok: true, schemaVersion: LATEST_SCHEMA_VERSION };
        } catch (error) {
          return { backend: 'sqlite', ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
      close: () => store.close(),
    };
  }
  const { PostgresRelayStore, startPostgresLease } = await loadPostgres();
  const store = await PostgresRelayStore.open(database.target, {
    settings,
    poolSize: database.poolSize,
    onProblem: (message) => logger.warn(message),
  });
  try {
    const lease = await startPostgresLease(store.pool, { processId, leaseMs: config.background.leaseMs, onError: (message) => logger.warn(message) });
    return {
      store,
      lease,
      health: async () => {
        try {
          const described = await store.describe();
          return { backend: 'postgres', ok: true, schemaVersion: described.schemaVersion, notifications: described.notifications };
        } catch (error) {
          return { backend: 'postgres', ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
      async close() {
        await lease.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
