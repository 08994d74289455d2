import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalDatabase } from './database';

/**
 * Unsent work read out of a store — possibly a damaged one — so it is never lost with the store: the outbox
 * (as many rows as can still be read) and the rows that show it (its conversations, optimistic messages and
 * orders), the composer drafts, and who was signed in. Every read is separate and caught: one unreadable
 * page costs what is on it, not the rest.
 */

type Row = Record<string, unknown>;
export const SALVAGED_TABLES = ['conversations', 'messages', 'orders', 'outbox', 'drafts', 'meta'] as const;
export type SalvagedTable = (typeof SALVAGED_TABLES)[number];

export interface Salvage {
  rows: Record<SalvagedTable, Row[]>;
  /** What could not be read (empty when everything was). */
  readErrors: string[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function readAll(db: LocalDatabase, sql: string, params: unknown[], into: Row[], errors: string[], what: string): void {
  try {
    for (const row of db.prepare(sql).iterate(...params)) into.push(row as Row);
  } catch (error) {
    errors.push(`${what}: ${message(error)}`);
  }
}

/** The store could not be opened at all. */
export function nothingSalvaged(readError: string): Salvage {
  return { rows: { conversations: [], messages: [], orders: [], outbox: [], drafts: [], meta: [] }, readErrors: [readError] };
}

export function salvageUnsent(db: LocalDatabase): Salvage {
  const { rows } = nothingSalvaged('');
  const errors: string[] = [];
  readAll(db, 'SELECT * FROM outbox ORDER BY created_at, rowid', [], rows.outbox, errors, 'outbox');
  if (errors.length > 0) {
    // The ordered read needs every page; a plain scan gets the rows before the damage.
    rows.outbox.length = 0;
    readAll(db, 'SELECT * FROM outbox', [], rows.outbox, errors, 'outbox (scan)');
  }
  const ids = rows.outbox.map((row) => String(row.id));
  const orderIds = new Set<string>();
  for (const row of rows.outbox) {
    if (String(row.type).startsWith('order.')) orderIds.add(orderIdOf(row) ?? String(row.id));
  }
  const conversationIds = new Set(rows.outbox.map((row) => String(row.conversation_id)).filter((id) => !id.startsWith('tags:')));
  // Point lookups by key: they reach rows even where a scan of the table would hit a damaged page.
  for (const id of ids) readAll(db, 'SELECT * FROM messages WHERE id = ?', [id], rows.messages, errors, `message ${id}`);
  for (const id of conversationIds) readAll(db, 'SELECT * FROM conversations WHERE id = ?', [id], rows.conversations, errors, `conversation ${id}`);
  for (const id of orderIds) readAll(db, 'SELECT * FROM orders WHERE order_id = ?', [id], rows.orders, errors, `order ${id}`);
  readAll(db, 'SELECT * FROM drafts', [], rows.drafts, errors, 'drafts');
  readAll(db, `SELECT * FROM meta WHERE key IN ('agentName', 'agentRole', 'demo')`, [], rows.meta, errors, 'meta');
  return { rows, readErrors: errors };
}

function orderIdOf(row: Row): string | null {
  try {
    const payload = JSON.parse(String(row.payload)) as { orderId?: unknown };
    return typeof payload.orderId === 'string' ? payload.orderId : null;
  } catch {
    return null;
  }
}

/** One outbox item as a person reads it in the saved file. */
function readableItem(row: Row, conversations: Row[]): Row {
  let payload: unknown = row.payload;
  try {
    payload = JSON.parse(String(row.payload));
  } catch {
    // Kept as the text it was.
  }
  const conversation = conversations.find((candidate) => candidate.id === row.conversation_id);
  return {
    mutationId: row.id,
    type: row.type,
    conversationId: row.conversation_id,
    conversationName: conversation?.display_name ?? null,
    createdAt: typeof row.created_at === 'number' ? new Date(row.created_at).toISOString() : row.created_at,
    state: row.state,
    lastError: row.last_error ?? null,
    payload,
  };
}

export type SalvageReason = 'damaged_store' | 'sign_out';

/** `unsent-before-repair-2026-05-01T10-20-30-123Z.json` / `unsent-at-sign-out-….json` in the data folder. */
export function salvageFileName(reason: SalvageReason, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  return `${reason === 'damaged_store' ? 'unsent-before-repair' : 'unsent-at-sign-out'}-${stamp}.json`;
}

/**
 * Writes the salvage as JSON (items to read, then the raw rows the app can put back). Written before the
 * store is replaced or deleted, so a crash after this point has lost nothing. Mode 0600: it holds customer
 * conversations.
 */
export function writeSalvageFile(dataDir: string, salvage: Salvage, reason: SalvageReason, at: number): string {
  const path = join(dataDir, salvageFileName(reason, at));
  const document = {
    format: 'shop-inbox-unsent/1',
    reason,
    savedAt: new Date(at).toISOString(),
    items: salvage.rows.outbox.map((row) => readableItem(row, salvage.rows.conversations)),
    readErrors: salvage.readErrors,
    rows: salvage.rows,
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}

/**
 * Puts salvaged rows into a fresh store in one transaction, column by column as far as both schemas have
 * them (the damaged store may be older). Outbox items go back queued under their mutation ids: the relay
 * answers a repeated id with its first answer, so an item it already had is not applied twice.
 */
export function restoreSalvage(db: LocalDatabase, salvage: Salvage): number {
  let requeued = 0;
  db.transaction(() => {
    for (const table of SALVAGED_TABLES) {
      const columns = new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((column) => column.name));
      for (const original of salvage.rows[table]) {
        // Nothing is in flight in a fresh store; waiting items are due at once (the relay is reachable again).
        const row = table === 'outbox' && original.state !== 'failed' ? { ...original, state: 'queued', next_attempt_at: 0 } : original;
        const names = Object.keys(row).filter((name) => columns.has(name));
        if (names.length === 0) continue;
        const inserted = db
          .prepare(`INSERT OR IGNORE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
          .run(...names.map((name) => row[name]));
        if (table === 'outbox') requeued += inserted.changes;
      }
    }
  })();
  return requeued;
}
