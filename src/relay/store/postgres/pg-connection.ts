import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PostgresTarget } from './pg-url';


/** BIGINT (ms timestamps, seqs, counts) as numbers: every value the relay stores is far below 2^53. */
const relayTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Connection settings shared by the pool and the listener: the schema first on the search path, BIGINT as number. */
export function clientConfig(target: PostgresTarget, applicationName: string): pg.ClientConfig {
  return {
    connectionString: target.connectionString,
    options: `-c search_path=${target.schema}`,
    types: relayTypes,
    application_name: applicationName,
    keepAlive: true,
    // A relay that stops answering mid-transaction (paused, cut off) must not hold row locks for long.
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: 10_000,
  };
}

export function createPool(target: PostgresTarget, size: number): pg.Pool {
  // Pipeline mode: statements sent without waiting (pg-transaction.ts) travel together.
  const pool = new pg.Pool({ ...clientConfig(target, 'shop-inbox-relay'), max: size, idleTimeoutMillis: 30_000, pipeline: true });
  // An idle client losing its connection (server restart) must not crash the relay; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * A 64-bit advisory-lock key for `name` within this schema: advisory locks are database-wide, so two relays in
 * two schemas of one database never wait for each other's locks.
 */
export function advisoryKey(schema: string, name: string): string {
  return createHash('sha256').update(`${schema}\u0000${name}`).digest().readBigInt64BE(0).toString();
}

/** The NOTIFY channel announcing this schema's event-log head (an identifier of at most 63 bytes). */
export function eventsChannel(schema: string): string {
  return `relay_events_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}
