import type pg from 'pg';
import type { ChannelSettings } from '../sqlite-window-claims';
import { query } from './pg-query';
import type { PgTx } from './pg-transaction';

/**
 * The store's read-only operations run their statements straight on the pool (autocommit): under READ COMMITTED a
 * transaction would give each statement its own snapshot anyway, so a BEGIN/COMMIT pair would only add round trips.
 * Anything that writes, locks or emits must go through inTransaction instead.
 */
export function poolReader(pool: pg.Pool, schema: string, settings: ChannelSettings): PgTx {
  const refuse = (what: string) => {
    throw new Error(`${what} needs a transaction (use inTransaction)`);
  };
  return {
    schema,
    settings,
    async rows<T>(sql: string, params?: readonly unknown[]) {
      return (await query<T>(pool, sql, params)).rows as T[];
    },
    async row<T>(sql: string, params?: readonly unknown[]) {
      return (await query<T>(pool, sql, params)).rows[0] as T | undefined;
    },
    run: () => refuse('a write'),
    emit: () => refuse('appending events'),
    emittedCount: () => 0,
    markAt: () => refuse('a workflow mark'),
    lock: () => refuse('a lock'),
    savepoint: () => refuse('a savepoint'),
  };
}
