import type { OutboxItemView } from '../../../shared/ipc/outbox-views';
import type { LocalDatabase } from '../store/database';
import { deleteMessage, getMessage } from '../store/messages';
import { deleteOutboxItem, getOutboxItem, makeOutboxItemDueNow, type OutboxRow } from '../store/outbox';
import { statement } from '../store/statements';
import { enqueueReply } from './enqueue-reply';
import { isOrderOutboxRow, orderOutboxSummary } from '../orders/order-outbox';

type Row = OutboxRow & { display_name: string | null };

function summaryOf(db: LocalDatabase, row: OutboxRow): string {
  if (isOrderOutboxRow(row)) return orderOutboxSummary(db, row);
  try {
    const payload = JSON.parse(row.payload) as { text?: unknown };
    if (typeof payload.text === 'string') return payload.text;
    // A photo, file or sticker: its message's stand-in ([圖片], [檔案：…]).
    return getMessage(db, row.id)?.text ?? row.type;
  } catch {
    return row.type;
  }
}

/** The outbox for the "待傳送" panel, oldest first. */
export function listOutboxItems(db: LocalDatabase): OutboxItemView[] {
  const rows = statement(
    db,
    `SELECT o.*, c.display_name FROM outbox o LEFT JOIN conversations c ON c.id = o.conversation_id ORDER BY o.created_at, o.rowid`,
  ).all() as Row[];
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    conversationId: row.conversation_id,
    conversationName: row.display_name ?? row.conversation_id,
    summary: summaryOf(db, row),
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.state === 'queued' && row.next_attempt_at > 0 ? row.next_attempt_at : null,
    createdAt: row.created_at,
  }));
}

export type RetryResult = { ok: true; id: string } | { ok: false; code: string; message: string };

/**
 * The agent's "retry". A waiting item skips the rest of its backoff. A refused item cannot be retried
 * under its id — the relay keeps the first answer for an id — so it is queued again as a NEW reply, and
 * the refused copy (outbox row and message) is removed in the same transaction.
 */
export function retryOutboxItem(db: LocalDatabase, id: string, now: () => number): RetryResult {
  const row = getOutboxItem(db, id);
  if (!row) return { ok: false, code: 'NOT_PENDING', message: `Nothing is waiting to be sent under ${id} (already sent?)` };
  if (row.state !== 'failed') {
    makeOutboxItemDueNow(db, id);
    return { ok: true, id };
  }
  if (row.type !== 'reply.send') {
    return { ok: false, code: 'CANNOT_RETRY', message: `A refused ${row.type} cannot be sent again from here` };
  }
  const payload = JSON.parse(row.payload) as { conversationId: string; text: string };
  let result: RetryResult = { ok: false, code: 'CANNOT_RETRY', message: 'Not retried' };
  try {
    db.transaction(() => {
      deleteOutboxItem(db, id);
      deleteMessage(db, id);
      const queued = enqueueReply(db, payload, now);
      if (!queued.ok) throw new RetryRefused(queued.code, queued.message);
      result = { ok: true, id: queued.messageId };
    })();
  } catch (error) {
    if (error instanceof RetryRefused) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  return result;
}

class RetryRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
