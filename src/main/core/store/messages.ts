import { CHANNEL_EVENT_KIND } from '../../../shared/ipc/views';
import { ACTIVITY_KIND, NOTE_KIND } from '../../../shared/ipc/workflow-views';
import type { MessageDelivery } from '../../../shared/ipc/views';
import type { LocalDatabase } from './database';
import { statement } from './statements';

export interface MessageRow {
  id: string;
  server_id: string | null;
  conversation_id: string;
  direction: 'in' | 'out';
  kind: string;
  text: string;
  created_at: number;
  author: string | null;
  delivery: MessageDelivery | null;
  delivery_reason: string | null;
  mutation_id: string | null;
  /** 1 for the relay's automatic replies (autoSend rules). */
  auto: 0 | 1;
  /** An order's summary or payment reminder (schema 5), else an ordinary reply or customer message. */
  purpose: MessagePurpose;
  order_id: string | null;
  /** Schema 8: content besides text (message-content.ts), why downloaded content will not come, unsent. */
  content_json: string | null;
  media_unavailable: string | null;
  withdrawn: 0 | 1;
}

export type MessagePurpose = 'reply' | 'order_summary' | 'payment_reminder';

export interface NewMessage {
  id: string;
  serverId: string | null;
  conversationId: string;
  direction: 'in' | 'out';
  kind: string;
  text: string;
  createdAt: number;
  author: string | null;
  delivery: MessageDelivery | null;
  deliveryReason: string | null;
  mutationId: string | null;
  /** The relay's automatic reply (autoSend rule). */
  auto?: boolean;
  purpose?: MessagePurpose;
  orderId?: string | null;
  /** A customer message that asks, requests or complains (shared/workflow/customer-message.ts). */
  needsReply?: boolean | null;
  /** What the message carries besides text, as JSON (message-content.ts). */
  contentJson?: string | null;
}

/**
 * Inserts unless a message with that id, server id or mutation id exists; returns true when a row was
 * added. `ON CONFLICT DO NOTHING` without a target covers every unique column, so no lookup first.
 */
export function insertMessageIfNew(db: LocalDatabase, message: NewMessage): boolean {
  const result = statement(
    db,
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at, author, delivery,
         delivery_reason, mutation_id, auto, purpose, order_id, needs_reply, content_json)
       VALUES (@id, @serverId, @conversationId, @direction, @kind, @text, @createdAt, @author, @delivery,
         @deliveryReason, @mutationId, @auto, @purpose, @orderId, @needsReply, @contentJson)
       ON CONFLICT DO NOTHING`,
    )
    .run({
      ...message,
      auto: message.auto ? 1 : 0,
      purpose: message.purpose ?? 'reply',
      orderId: message.orderId ?? null,
      needsReply: message.needsReply === undefined || message.needsReply === null ? null : message.needsReply ? 1 : 0,
      contentJson: message.contentJson ?? null,
    });
  return result.changes > 0;
}

export function findMessageByServerId(db: LocalDatabase, serverId: string): MessageRow | null {
  return (statement(db, 'SELECT * FROM messages WHERE server_id = ?').get(serverId) as MessageRow | undefined) ?? null;
}

export function findMessageByMutationId(db: LocalDatabase, mutationId: string): MessageRow | null {
  return (statement(db, 'SELECT * FROM messages WHERE mutation_id = ?').get(mutationId) as MessageRow | undefined) ?? null;
}

export function getMessage(db: LocalDatabase, id: string): MessageRow | null {
  return (statement(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined) ?? null;
}

const FINAL_STATES: ReadonlySet<MessageDelivery> = new Set(['sent_free', 'held', 'sent_push', 'failed', 'cancelled']);
const LEFT_HELD: ReadonlySet<MessageDelivery> = new Set(['sent_free', 'sent_push', 'cancelled']);

export function updateMessageText(db: LocalDatabase, id: string, text: string): void {
  db.prepare('UPDATE messages SET text = ? WHERE id = ?').run(text, id);
}

/**
 * Delivery only moves forward: an ack and the relay's events can arrive in either order, so a late
 * "sending" must not overwrite an outcome already known. Held → sent_free (released) is forward.
 */
export function isDeliveryProgress(current: MessageDelivery | null, next: MessageDelivery): boolean {
  if (current === null) return true;
  if (FINAL_STATES.has(current) && !FINAL_STATES.has(next)) return false;
  // A reply that went out (or was cancelled) is never held again: a "held" arriving now is a stale answer — the
  // relay repeats a mutation's first answer when the app sends it again after a reconnect, and the release that
  // followed may already be applied.
  if (next === 'held' && LEFT_HELD.has(current)) return false;
  return true;
}

/** Records the relay's view of an outgoing message (server id and delivery), keeping delivery monotonic. */
export function updateOutgoingDelivery(
  db: LocalDatabase,
  id: string,
  update: { serverId?: string | null; delivery: MessageDelivery; reason: string | null },
): void {
  const current = getMessage(db, id);
  if (!current) return;
  const serverId = update.serverId ?? current.server_id;
  if (isDeliveryProgress(current.delivery, update.delivery)) {
    statement(db, 'UPDATE messages SET server_id = ?, delivery = ?, delivery_reason = ? WHERE id = ?').run(
      serverId,
      update.delivery,
      update.reason,
      id,
    );
  } else if (serverId !== current.server_id) {
    statement(db, 'UPDATE messages SET server_id = ? WHERE id = ?').run(serverId, id);
  }
}

/** Moves a message to the relay's time (its optimistic copy carried the agent's estimate). */
export function setMessageCreatedAt(db: LocalDatabase, id: string, createdAt: number): void {
  statement(db, 'UPDATE messages SET created_at = ? WHERE id = ?').run(createdAt, id);
}

export function deleteMessage(db: LocalDatabase, id: string): void {
  statement(db, 'DELETE FROM messages WHERE id = ?').run(id);
}

export interface MessagePage {
  /** Oldest first, for display. */
  rows: MessageRow[];
  hasMore: boolean;
}

/** The newest `limit` messages before the keyset position, returned in ascending order. */
export function listMessagesPage(
  db: LocalDatabase,
  options: { conversationId: string; limit: number; before: { createdAt: number; id: string } | null },
): MessagePage {
  const fetchLimit = options.limit + 1;
  const newestFirst = options.before
    ? (statement(
    db,
          `SELECT * FROM messages
           WHERE conversation_id = @conversationId
             AND ((created_at < @createdAt) OR (created_at = @createdAt AND id < @id))
           ORDER BY created_at DESC, id DESC LIMIT @fetchLimit`,
        )
        .all({
          conversationId: options.conversationId,
          createdAt: options.before.createdAt,
          id: options.before.id,
          fetchLimit,
        }) as MessageRow[])
    : (statement(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
        .all(options.conversationId, fetchLimit) as MessageRow[]);
  const hasMore = newestFirst.length > options.limit;
  return { rows: newestFirst.slice(0, options.limit).reverse(), hasMore };
}

/**
 * The conversation's newest message (what suggestions answer), or null. Platform event lines (read receipts,
 * reactions …), internal notes and workflow lines are not messages to the customer.
 */
/** The conversation's newest messages, newest first (no platform events, notes or team activity). */
export function getLatestMessages(db: LocalDatabase, conversationId: string, limit: number): MessageRow[] {
  return db
    .prepare('SELECT * FROM messages WHERE conversation_id = ? AND kind NOT IN (?, ?, ?) ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(conversationId, CHANNEL_EVENT_KIND, NOTE_KIND, ACTIVITY_KIND, limit) as MessageRow[];
}

