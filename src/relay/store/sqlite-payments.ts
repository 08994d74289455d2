import type Database from 'better-sqlite3';
import type { RelayEvent } from '../../shared/protocol';
import type { PaymentNotificationInput, PaymentNotificationResult } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { getOrderByNumberSync } from './sqlite-order-queries';
import { changeOrderStatusSync } from './sqlite-orders';

/**
 * A verified payment notification in one transaction. A transaction id seen before is a replay: answered
 * as a duplicate with no second effect. Refusals (unknown order, wrong amount, cancelled order) store
 * nothing, so the provider may send a corrected notification with the same transaction id.
 */
export function recordPaymentNotificationSync(
  db: Database.Database,
  input: PaymentNotificationInput,
): { result: PaymentNotificationResult; appended: RelayEvent[] } {
  const seen = db.prepare('SELECT order_no FROM payment_notifications WHERE transaction_id = ?').get(input.transactionId) as
    | { order_no: string }
    | undefined;
  if (seen) {
    const order = getOrderByNumberSync(db, seen.order_no);
    return {
      result: { kind: 'duplicate', orderId: order?.orderId ?? null, orderNo: seen.order_no, status: order?.status ?? null },
      appended: [],
    };
  }
  const order = getOrderByNumberSync(db, input.orderNo);
  if (!order) return { result: { kind: 'unknown_order' }, appended: [] };
  if (input.amount !== null && input.amount !== order.totals.total) return { result: { kind: 'amount_mismatch', expected: order.totals.total }, appended: [] };
  if (order.status === 'cancelled') return { result: { kind: 'cancelled' }, appended: [] };

  db.prepare('INSERT INTO payment_notifications (transaction_id, order_no, amount, raw_body, received_at) VALUES (?, ?, ?, ?, ?)').run(
    input.transactionId,
    input.orderNo,
    input.amount ?? order.totals.total,
    input.rawBody,
    input.now,
  );
  const events =
    order.status === 'awaiting_payment'
      ? changeOrderStatusSync(db, { order, status: 'paid', source: 'payment', agentName: null, transactionId: input.transactionId, now: input.now })
      : null;
  if (!events) return { result: { kind: 'recorded', orderId: order.orderId, orderNo: order.orderNo, status: order.status }, appended: [] };
  return { result: { kind: 'paid', orderId: order.orderId, orderNo: order.orderNo, status: 'paid' }, appended: appendEventsSync(db, events) };
}
