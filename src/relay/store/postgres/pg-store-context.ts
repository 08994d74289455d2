import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { RelayEvent } from '../../../shared/protocol';
import type { RelayStorePart } from '../relay-store-parts';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from '../sqlite-window-claims';
import { createPool, eventsChannel } from './pg-connection';
import { listenForHead } from './pg-live-events';
import { LATEST_PG_SCHEMA_VERSION, migratePostgres } from './pg-migrate';
import { query } from './pg-query';
import { poolReader } from './pg-reader';
import { inTransaction, type CommittedWork, type PgTx } from './pg-transaction';
import type { PostgresTarget } from './pg-url';
import { createPostgresWebchatStore } from './pg-webchat';

export interface PostgresStoreOptions {
  settings?: ChannelSettings;
  /** Connections this process keeps open for its transactions (plus one for notifications). */
  poolSize?: number;
  /** Where a lost notification connection is reported. */
  onProblem?: (message: string) => void;
  /** Listen for other processes' events (default true; one-shot tools like the CLI turn it off). */
  listen?: boolean;
}

/** What every part of the PostgreSQL store works through: the pool, plain reads on it, and transactions. */
export interface PgStoreContext {
  readonly pool: pg.Pool;
  /** For read-only methods: statements straight on the pool, no transaction (pg-reader.ts). */
  readonly reader: PgTx;
  /** One transaction (pg-transaction.ts); the events it appended are announced to this process's listeners. */
  write<T>(work: (tx: PgTx) => Promise<T>): Promise<CommittedWork<T>>;
  /** Like write, answering the work's result. */
  writeResult<T>(work: (tx: PgTx) => Promise<T>): Promise<T>;
  /** Like write, answering the events the work appended. */
  writeEvents(work: (tx: PgTx) => Promise<void>): Promise<RelayEvent[]>;
}

/** What the PostgreSQL store has beside `RelayStore`: its pool (for the background lease), where it lives, its health. */
export interface PostgresStoreExtras {
  readonly pool: pg.Pool;
  readonly target: PostgresTarget;
  /** For /healthz: where the store lives and whether this process hears other processes' events. */
  describe(): Promise<{ backend: 'postgres'; database: string; schema: string; schemaVersion: number; notifications: boolean }>;
  /** One statement on the pool (leases, health probes). */
  ping(): Promise<void>;
}

/**
 * Connects, migrates (relays starting together queue on an advisory lock) and starts listening for events: the
 * PostgreSQL store's core — the relay id, web chat visitors, this process's listeners of events appended by any
 * process (LISTEN/NOTIFY of the new head seq), and closing.
 */
export async function openPostgresStoreContext(
  target: PostgresTarget,
  options: PostgresStoreOptions,
): Promise<{ context: PgStoreContext; core: RelayStorePart<'core'> & PostgresStoreExtras }> {
  const pool = createPool(target, options.poolSize ?? 10);
  try {
    const client = await pool.connect();
    let relayId: string;
    try {
      await migratePostgres(client, target.schema);
      await client.query(`INSERT INTO relay_meta (key, value) VALUES ('relay_id', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
      relayId = (await client.query<{ value: string }>(`SELECT value FROM relay_meta WHERE key = 'relay_id'`)).rows[0]!.value;
    } finally {
      client.release();
    }
    return withConnection(pool, target, relayId, options);
  } catch (error) {
    await pool.end().catch(() => undefined);
    // Say where it looked (never the password): the driver's own message names neither database nor schema.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the relay's PostgreSQL store at ${target.displayName} (schema ${target.schema}): ${reason}`, { cause: error });
  }
}

/** The context and core of a migrated store on `pool`. */
function withConnection(
  pool: pg.Pool,
  target: PostgresTarget,
  relayId: string,
  options: PostgresStoreOptions,
): { context: PgStoreContext; core: RelayStorePart<'core'> & PostgresStoreExtras } {
  const settings = options.settings ?? DEFAULT_CHANNEL_SETTINGS;
  const channel = eventsChannel(target.schema);
  const listeners = new Set<(headSeq: number) => void>();
  let announcedHead = 0;

  const announce = (seq: number): void => {
    if (seq <= announcedHead) return;
    announcedHead = seq;
    for (const listener of listeners) listener(seq);
  };
  const write = async <T>(work: (tx: PgTx) => Promise<T>): Promise<CommittedWork<T>> => {
    const committed = await inTransaction(pool, { schema: target.schema, settings, channel }, work);
    const last = committed.appended[committed.appended.length - 1];
    if (last) announce(last.seq);
    return committed;
  };
  const writeResult = async <T>(work: (tx: PgTx) => Promise<T>): Promise<T> => (await write(work)).result;
  const reader = poolReader(pool, target.schema, settings);
  const webchat = createPostgresWebchatStore(pool, writeResult);
  const live = options.listen !== false ? listenForHead(target, channel, announce, options.onProblem ?? (() => undefined)) : null;

  return {
    context: { pool, reader, write, writeResult, writeEvents: async (work) => (await write(work)).appended },
    core: {
      pool,
      target,
      relayId,
      webchat,
      onEventsAppended(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async describe() {
        const row = await reader.row<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
        return {
          backend: 'postgres',
          database: target.displayName,
          schema: target.schema,
          schemaVersion: row?.version ?? LATEST_PG_SCHEMA_VERSION,
          notifications: live?.connected() ?? false,
        };
      },
      async ping() {
        await query(pool, 'SELECT 1');
      },
      async close() {
        listeners.clear();
        await live?.stop();
        await pool.end().catch(() => undefined);
      },
    },
  };
}
