import type { LocalDatabase } from './database';
import { statement } from './statements';

export type OutboxState = 'queued' | 'sending' | 'failed';

/** Read receipts share the outbox with replies but not their order or their "pending" count. */
export const MARK_READ_MUTATION = 'conversation.markRead';

export interface OutboxRow {
  id: string;
  type: string;
  payload: string;
  conversation_id: string;
  created_at: number;
  attempts: number;
  state: OutboxState;
  last_error: string | null;
  next_attempt_at: number;
}

export function insertOutboxItem(
  db: LocalDatabase,
  item: { id: string; type: string; payload: unknown; conversationId: string; createdAt: number },
): void {
  statement(
    db,
    `INSERT INTO outbox (id, type, payload, conversation_id, created_at, attempts, state, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, 0, 'queued', 0)`,
  ).run(item.id, item.type, JSON.stringify(item.payload), item.conversationId, item.createdAt);
}

export function getOutboxItem(db: LocalDatabase, id: string): OutboxRow | null {
  return (statement(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
}

export function listOutbox(db: LocalDatabase): OutboxRow[] {
  return statement(db, 'SELECT * FROM outbox ORDER BY created_at, rowid').all() as OutboxRow[];
}

/**
 * The oldest item of each conversation that still waits (queued or sending), oldest first. Later items of
 * a conversation stay behind its head so replies arrive in the order they were written. Read receipts
 * (conversation.markRead) form their own lane: they never wait for replies, nor replies for them.
 */
export function listOutboxHeads(db: LocalDatabase): OutboxRow[] {
  return statement(
    db,
      `SELECT o.* FROM outbox o
       WHERE o.state IN ('queued', 'sending')
         AND NOT EXISTS (
           SELECT 1 FROM outbox earlier
           WHERE earlier.conversation_id = o.conversation_id
             AND earlier.state IN ('queued', 'sending')
             AND (earlier.type = @markRead) = (o.type = @markRead)
             AND (earlier.created_at < o.created_at OR (earlier.created_at = o.created_at AND earlier.rowid < o.rowid)))
       ORDER BY o.created_at, o.rowid`,
    )
    .all({ markRead: MARK_READ_MUTATION }) as OutboxRow[];
}

export function markOutboxSending(db: LocalDatabase, id: string): void {
  statement(db, `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?`).run(id);
}

export function requeueOutboxItem(db: LocalDatabase, id: string, error: string, nextAttemptAt: number): void {
  statement(db, `UPDATE outbox SET state = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ?`).run(
    error,
    nextAttemptAt,
    id,
  );
}

export function failOutboxItem(db: LocalDatabase, id: string, error: string): void {
  statement(db, `UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?`).run(error, id);
}

export function deleteOutboxItem(db: LocalDatabase, id: string): void {
  statement(db, 'DELETE FROM outbox WHERE id = ?').run(id);
}

/** At start nothing is in flight: an item left 'sending' by a crash is sent again (the relay dedupes by id). */
export function resetSendingOutboxItems(db: LocalDatabase): number {
  return statement(db, `UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE state = 'sending'`).run().changes;
}

export function countPendingOutbox(db: LocalDatabase): number {
  // Replies only: a read receipt waiting for the relay is not something the agent needs to see as pending.
  const row = statement(db, `SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'sending') AND type <> ?`).get(
    MARK_READ_MUTATION,
  ) as { n: number };
  return row.n;
}

export function updateOutboxPayload(db: LocalDatabase, id: string, payload: unknown): void {
  db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(payload), id);
}

/** Back online: queued items stop waiting out a backoff that was only about the relay being unreachable. */
export function makeQueuedOutboxDueNow(db: LocalDatabase): number {
  return statement(db, `UPDATE outbox SET next_attempt_at = 0 WHERE state = 'queued' AND next_attempt_at > 0`).run().changes;
}

/** The agent asked to send it now: the rest of its backoff is skipped. */
export function makeOutboxItemDueNow(db: LocalDatabase, id: string): void {
  statement(db, `UPDATE outbox SET next_attempt_at = 0 WHERE id = ? AND state = 'queued'`).run(id);
}
