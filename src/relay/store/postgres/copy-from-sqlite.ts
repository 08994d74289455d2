import type Database from 'better-sqlite3';
import pg from 'pg';
import { clientConfig } from './pg-connection';
import type { PostgresTarget } from './pg-url';
import { migratePostgres } from './pg-migrate';

/**
 * Every table of the SQLite store, copied row for row (same names and columns on both backends). A table added
 * to one backend must be added here too (src/relay/store/postgres/README.md); a test compares this list with
 * both schemas.
 */
export const COPIED_TABLES = [
  'relay_meta',
  'events',
  'inbound_seen',
  'conversations',
  'profiles',
  'delivery_windows',
  'reply_tokens',
  'mark_as_read_tokens',
  'loading_indicators',
  'outbound_messages',
  'mutations',
  'mutation_claims',
  'agent_tokens',
  'agent_presence',
  'quota_state',
  'rules_versions',
  'tags',
  'friend_tags',
  'catalog_versions',
  'orders',
  'order_counters',
  'order_reminders',
  'payment_notifications',
  'webchat_customers',
  'webchat_visitors',
  'conversation_workflow',
  'workflow_marks',
  'customer_notes',
  'settings_versions',
  'agent_sessions',
  'assignment_rotation',
  'team_roster',
  'media_items',
  'uploads',
  'quote_tokens',
  'suggestion_feedback',
  'conversation_members',
  'webchat_uploads',
] as const;

/** PostgreSQL's own bookkeeping, with no SQLite counterpart. */
export const POSTGRES_ONLY_TABLES = ['schema_migrations', 'event_log_head', 'relay_leases'] as const;

/** Tables whose insertion order (SQLite's rowid) decides ties: it is kept as row_no. */
const ROW_ORDERED = new Set<string>(['reply_tokens', 'outbound_messages', 'media_items']);

/** Rows that migration 001 creates (replaced by the SQLite ones). */
const SEEDED = new Set<string>(['quota_state']);

/** Stay well below PostgreSQL's 65,535 parameters per statement. */
const MAX_PARAMETERS = 30_000;

export interface CopyReport {
  relayId: string;
  headSeq: number;
  rows: Record<string, number>;
}

export class TargetNotEmptyError extends Error {}

function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((column) => column.name);
}

async function copyTable(client: pg.ClientBase, db: Database.Database, table: string): Promise<number> {
  const columns = sqliteColumns(db, table);
  if (columns.length === 0) throw new Error(`The SQLite relay has no table ${table}`);
  const ordered = ROW_ORDERED.has(table);
  const selected = ordered ? ['rowid', ...columns] : columns;
  const targetColumns = (ordered ? ['row_no', ...columns] : columns).map((column) => pg.escapeIdentifier(column));
  if (SEEDED.has(table)) await client.query(`DELETE FROM ${table}`);
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / selected.length));
  const statement = db.prepare(`SELECT ${selected.map((column) => `"${column}"`).join(', ')} FROM ${table} ORDER BY rowid`).raw(true);
  let copied = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((row, r) => `(${row.map((_, c) => `$${r * selected.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${targetColumns.join(', ')}) ${ordered ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES ${values}`, batch.flat());
    copied += batch.length;
    batch = [];
  };
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  if (ordered) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'row_no'), GREATEST((SELECT MAX(row_no) FROM ${table}), 1))`, [table]);
  }
  return copied;
}

/**
 * `relay migrate-to postgres://…`: copies an SQLite relay (its whole store: event log, tokens, rules, catalog,
 * orders, everything) into an empty PostgreSQL schema in ONE transaction, keeping the relay id and every seq, so
 * desktops connected before continue from their cursors. Refuses a target that already holds a relay.
 */
export async function copySqliteRelayToPostgres(db: Database.Database, target: PostgresTarget): Promise<CopyReport> {
  const client = new pg.Client(clientConfig(target, 'shop-inbox-relay-migrate-to'));
  await client.connect();
  try {
    await migratePostgres(client, target.schema);
    await client.query('BEGIN');
    try {
      // No relay may start writing into the schema while it is being filled.
      await client.query(`LOCK TABLE ${COPIED_TABLES.join(', ')}, event_log_head IN EXCLUSIVE MODE`);
      const existing = await client.query<{ events: number; tokens: number; conversations: number }>(
        `SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM agent_tokens) AS tokens, (SELECT COUNT(*) FROM conversations) AS conversations`,
      );
      const found = existing.rows[0]!;
      if (found.events + found.tokens + found.conversations > 0) {
        throw new TargetNotEmptyError(
          `The PostgreSQL schema already holds a relay (${found.events} events, ${found.conversations} conversations, ${found.tokens} tokens): migrate-to only fills an empty one`,
        );
      }
      await client.query('DELETE FROM relay_meta');
      const rows: Record<string, number> = {};
      for (const table of COPIED_TABLES) rows[table] = await copyTable(client, db, table);
      const head = db.prepare(`SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), COALESCE((SELECT MAX(seq) FROM events), 0)) AS head`).get() as {
        head: number;
      };
      await client.query('UPDATE event_log_head SET seq = $1 WHERE id = 1', [head.head]);
      const relayId = (await client.query<{ value: string }>(`SELECT value FROM relay_meta WHERE key = 'relay_id'`)).rows[0]?.value;
      if (!relayId) throw new Error('The SQLite relay has no relay id');
      await client.query('COMMIT');
      return { relayId, headSeq: head.head, rows };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}
