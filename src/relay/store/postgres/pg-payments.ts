import type { PaymentNotificationInput, PaymentNotificationResult } from '../relay-store';
import { getOrderByNumber } from './pg-order-queries';
import { changeOrderStatus } from './pg-orders';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-payments.ts. The transaction id and then the order's conversation are locked first,
 * so a notification replayed to two relays at once pays the order once.
 */
export async function recordPaymentNotification(tx: PgTx, input: PaymentNotificationInput): Promise<PaymentNotificationResult> {
  await tx.lock(`payment:${input.transactionId}`);
  const seen = await tx.row<{ order_no: string }>('SELECT order_no FROM payment_notifications WHERE transaction_id = $1', [input.transactionId]);
  if (seen) {
    const order = await getOrderByNumber(tx, seen.order_no);
    return { kind: 'duplicate', orderId: order?.orderId ?? null, orderNo: seen.order_no, status: order?.status ?? null };
  }
  const found = await getOrderByNumber(tx, input.orderNo);
  if (!found) return { kind: 'unknown_order' };
  await tx.lock(LOCKS.conversation(found.conversationId));
  // Read again under the conversation's lock: an agent may have changed it meanwhile.
  const order = (await getOrderByNumber(tx, input.orderNo)) ?? found;
  if (input.amount !== null && input.amount !== order.totals.total) return { kind: 'amount_mismatch', expected: order.totals.total };
  if (order.status === 'cancelled') return { kind: 'cancelled' };
  await tx.run('INSERT INTO payment_notifications (transaction_id, order_no, amount, raw_body, received_at) VALUES ($1, $2, $3, $4, $5)', [
    input.transactionId,
    input.orderNo,
    input.amount ?? order.totals.total,
    input.rawBody,
    input.now,
  ]);
  const events =
    order.status === 'awaiting_payment'
      ? await changeOrderStatus(tx, { order, status: 'paid', source: 'payment', agentName: null, transactionId: input.transactionId, now: input.now })
      : null;
  if (!events) return { kind: 'recorded', orderId: order.orderId, orderNo: order.orderNo, status: order.status };
  tx.emit(events);
  return { kind: 'paid', orderId: order.orderId, orderNo: order.orderNo, status: 'paid' };
}
