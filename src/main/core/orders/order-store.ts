import type { Cart, CartTotals, OrderStatus } from '../../../shared/orders/cart-schema';
import type { LocalDatabase } from '../store/database';
import { statement } from '../store/statements';

export const ORDER_CREATE_MUTATION = 'order.create';
export const ORDER_SET_STATUS_MUTATION = 'order.setStatus';
export const ORDER_SEND_SUMMARY_MUTATION = 'order.sendSummary';

/** An order as stored (schema 5). */
export interface OrderRow {
  order_id: string;
  order_no: string | null;
  conversation_id: string;
  friend_id: string;
  cart_json: string;
  totals_json: string;
  status: OrderStatus;
  relay_status: OrderStatus;
  sync: 'queued' | 'synced' | 'rejected';
  sync_error: string | null;
  status_error: string | null;
  created_at: number;
  created_by: string;
  status_changed_at: number | null;
  status_source: 'agent' | 'payment' | null;
  summary_message_id: string | null;
}

export function getOrder(db: LocalDatabase, orderId: string): OrderRow | null {
  return (statement(db, 'SELECT * FROM orders WHERE order_id = ?').get(orderId) as OrderRow | undefined) ?? null;
}

/** The agent's new order, before the relay has seen it: awaiting payment, not numbered, queued. */
export function insertLocalOrder(
  db: LocalDatabase,
  order: { orderId: string; conversationId: string; friendId: string; cart: Cart; totals: CartTotals; createdAt: number; createdBy: string },
): void {
  statement(
    db,
    `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, status, relay_status, sync,
       created_at, created_by)
     VALUES (@orderId, NULL, @conversationId, @friendId, @cart, @totals, 'awaiting_payment', 'awaiting_payment', 'queued',
       @createdAt, @createdBy)`,
  ).run({ ...order, cart: JSON.stringify(order.cart), totals: JSON.stringify(order.totals) });
}

/**
 * The relay's order (order.created): fills the number and marks it synced. An optimistic row of this app
 * keeps its identity (id, creation time, author); the relay's cart and totals are the truth.
 */
export function upsertSyncedOrder(
  db: LocalDatabase,
  order: {
    orderId: string;
    orderNo: string;
    conversationId: string;
    friendId: string;
    cart: Cart;
    totals: CartTotals;
    status: OrderStatus;
    createdAt: number;
    createdBy: string;
    summaryMessageId: string | null;
  },
): void {
  statement(
    db,
    `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, status, relay_status, sync,
       created_at, created_by, summary_message_id)
     VALUES (@orderId, @orderNo, @conversationId, @friendId, @cart, @totals, @status, @status, 'synced',
       @createdAt, @createdBy, @summaryMessageId)
     ON CONFLICT (order_id) DO UPDATE SET
       order_no = excluded.order_no,
       cart_json = excluded.cart_json,
       totals_json = excluded.totals_json,
       relay_status = excluded.relay_status,
       sync = 'synced',
       sync_error = NULL,
       summary_message_id = COALESCE(excluded.summary_message_id, orders.summary_message_id)`,
  ).run({ ...order, cart: JSON.stringify(order.cart), totals: JSON.stringify(order.totals) });
}

/**
 * The relay accepted this app's order.create (its answer; the order.created event says the same). The answer
 * only fills in a summary the events have not named: a late answer must not bring back a summary that was
 * replaced since (order.sendSummary).
 */
export function markOrderSynced(
  db: LocalDatabase,
  orderId: string,
  accepted: { orderNo: string; totals: CartTotals; summaryMessageId: string | null },
): void {
  statement(
    db,
    `UPDATE orders SET order_no = @orderNo, totals_json = @totals, sync = 'synced', sync_error = NULL,
       summary_message_id = COALESCE(summary_message_id, @summaryMessageId)
     WHERE order_id = @orderId`,
  ).run({ orderId, orderNo: accepted.orderNo, totals: JSON.stringify(accepted.totals), summaryMessageId: accepted.summaryMessageId });
}

/** The relay refused the order for good: it stays visible, with the reason, and is never numbered. */
export function markOrderRejected(db: LocalDatabase, orderId: string, error: string): void {
  statement(db, `UPDATE orders SET sync = 'rejected', sync_error = ? WHERE order_id = ? AND sync <> 'synced'`).run(error, orderId);
}

export function setRelayStatus(
  db: LocalDatabase,
  orderId: string,
  change: { status: OrderStatus; at: number; source: 'agent' | 'payment' },
): void {
  statement(
    db,
    `UPDATE orders SET relay_status = @status, status_changed_at = @at, status_source = @source WHERE order_id = @orderId`,
  ).run({ orderId, ...change });
}

export function setStatusError(db: LocalDatabase, orderId: string, error: string | null): void {
  statement(db, 'UPDATE orders SET status_error = ? WHERE order_id = ?').run(error, orderId);
}

/** The newest status change of this order still waiting in the outbox, if any. */
export function pendingStatusOf(db: LocalDatabase, orderId: string): OrderStatus | null {
  const row = statement(
    db,
    `SELECT json_extract(payload, '$.status') AS status FROM outbox
     WHERE type = ? AND state IN ('queued', 'sending') AND json_extract(payload, '$.orderId') = ?
     ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  ).get(ORDER_SET_STATUS_MUTATION, orderId) as { status: OrderStatus } | undefined;
  return row?.status ?? null;
}

/** What the agent sees: the relay's status, or this app's own change while it waits to be sent. */
export function refreshOrderStatus(db: LocalDatabase, orderId: string): void {
  statement(db, 'UPDATE orders SET status = COALESCE(?, relay_status) WHERE order_id = ?').run(pendingStatusOf(db, orderId), orderId);
}

/** The agent changed the status here: shown at once (refreshOrderStatus keeps it while it is queued). */
export function setLocalStatus(db: LocalDatabase, orderId: string, status: OrderStatus, at: number): void {
  statement(
    db,
    `UPDATE orders SET status = ?, status_changed_at = ?, status_source = 'agent', status_error = NULL WHERE order_id = ?`,
  ).run(status, at, orderId);
}

/**
 * An order_summary message.sent: that message is now the order's summary. Events come in log order, so the
 * newest summary wins — also when an earlier one failed and was sent again (order.sendSummary).
 */
export function setSummaryMessage(db: LocalDatabase, orderId: string, messageId: string): void {
  statement(db, 'UPDATE orders SET summary_message_id = ? WHERE order_id = ?').run(messageId, orderId);
}

/**
 * The answer to this app's order.sendSummary names the new summary. It replaces only a summary that could be
 * sent again (none, failed, cancelled): if the summary is live, the event already named this one — or a newer
 * one this late answer must not undo.
 */
export function fillSummaryFromAnswer(db: LocalDatabase, orderId: string, messageId: string): void {
  statement(
    db,
    `UPDATE orders SET summary_message_id = ? WHERE order_id = ? AND (summary_message_id IS NULL OR EXISTS (
       SELECT 1 FROM messages m WHERE m.server_id = orders.summary_message_id AND m.delivery IN ('failed', 'cancelled')))`,
  ).run(messageId, orderId);
}

/** True while an order.sendSummary of this order waits in the outbox (queued or being sent). */
export function summarySendPending(db: LocalDatabase, orderId: string): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM outbox WHERE type = ? AND state IN ('queued', 'sending') AND json_extract(payload, '$.orderId') = ? LIMIT 1`,
    ).get(ORDER_SEND_SUMMARY_MUTATION, orderId) !== undefined
  );
}

/** The reminders the relay scheduled at creation (relay clock); repeats change nothing. */
export function insertScheduledReminders(db: LocalDatabase, orderId: string, dueAt: readonly number[]): void {
  const insert = statement(
    db,
    `INSERT INTO order_reminders (order_id, idx, due_at, message_id, state) VALUES (?, ?, ?, NULL, 'scheduled')
     ON CONFLICT (order_id, idx) DO NOTHING`,
  );
  dueAt.forEach((at, index) => insert.run(orderId, index, at));
}

export function markReminderQueued(db: LocalDatabase, reminder: { orderId: string; index: number; messageId: string; at: number }): void {
  statement(
    db,
    `INSERT INTO order_reminders (order_id, idx, due_at, message_id, state) VALUES (@orderId, @index, @at, @messageId, 'queued')
     ON CONFLICT (order_id, idx) DO UPDATE SET message_id = excluded.message_id, state = 'queued'`,
  ).run(reminder);
}

/** Paid or cancelled: reminders not yet queued will never be. */
export function skipScheduledReminders(db: LocalDatabase, orderId: string): void {
  statement(db, `UPDATE order_reminders SET state = 'skipped' WHERE order_id = ? AND state = 'scheduled'`).run(orderId);
}
