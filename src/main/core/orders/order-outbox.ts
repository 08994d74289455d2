import { z } from 'zod';
import { cartSchema } from '../../../shared/orders/cart-schema';
import { computeCartTotals, formatNtd } from '../../../shared/orders/cart-totals';
import { wantsPaymentReminders } from '../../../shared/orders/order-status';
import { isPermanentMutationError, orderCreateAckSchema, orderSendSummaryAckSchema, orderSetStatusAckSchema } from '../../../shared/protocol/mutations';
import { parseJsonOrNull } from '../json';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem, failOutboxItem, type OutboxRow } from '../store/outbox';
import { orderStatusLabel } from './enqueue-order';
import {
  fillSummaryFromAnswer,
  getOrder,
  markOrderRejected,
  markOrderSynced,
  ORDER_CREATE_MUTATION,
  ORDER_SEND_SUMMARY_MUTATION,
  ORDER_SET_STATUS_MUTATION,
  refreshOrderStatus,
  setRelayStatus,
  setStatusError,
  skipScheduledReminders,
} from './order-store';

const rowPayloadSchema = z.object({ orderId: z.string() });

export function isOrderOutboxRow(row: Pick<OutboxRow, 'type'>): boolean {
  return row.type === ORDER_CREATE_MUTATION || row.type === ORDER_SET_STATUS_MUTATION || row.type === ORDER_SEND_SUMMARY_MUTATION;
}

const ACK_SCHEMAS = {
  [ORDER_CREATE_MUTATION]: orderCreateAckSchema,
  [ORDER_SET_STATUS_MUTATION]: orderSetStatusAckSchema,
  [ORDER_SEND_SUMMARY_MUTATION]: orderSendSummaryAckSchema,
} as const;

export type OrderAckOutcome = { kind: 'settled'; scopes: string[] } | { kind: 'retry'; error: string };

export function orderScopes(conversationId: string): string[] {
  return ['orders', `orders:${conversationId}`, 'sync', `conversation:${conversationId}`];
}

/**
 * The relay answered a queued order mutation. order.create accepted: the order is numbered and synced.
 * Refused for good: the order stays visible as rejected with the relay's message, and its outbox row stays
 * (failed) for the outbox panel. order.setStatus refused: the relay's status shows again, with the reason.
 * order.sendSummary accepted: the answer names the new summary (if the event has not yet); refused: the
 * reason shows on the order like a refused status change. INTERNAL or an unreadable answer: retried with the same id.
 */
export function settleOrderAck(db: LocalDatabase, row: OutboxRow, rawAck: unknown, now: number): OrderAckOutcome {
  const schema = ACK_SCHEMAS[row.type as keyof typeof ACK_SCHEMAS] ?? orderSetStatusAckSchema;
  const ack = schema.safeParse(rawAck);
  if (!ack.success) return { kind: 'retry', error: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
  if (!ack.data.ok && !isPermanentMutationError(ack.data.code)) return { kind: 'retry', error: `${ack.data.code}: ${ack.data.message}` };
  const { orderId } = rowPayloadSchema.parse(JSON.parse(row.payload));
  const answer = ack.data;
  db.transaction(() => {
    if (!answer.ok) {
      rejectOrderMutation(db, row, `${answer.code}: ${answer.message}`);
      return;
    }
    deleteOutboxItem(db, row.id);
    if (row.type === ORDER_SEND_SUMMARY_MUTATION && 'orderNo' in answer) {
      if (answer.summary) fillSummaryFromAnswer(db, orderId, answer.summary.messageId);
    } else if ('orderNo' in answer) {
      markOrderSynced(db, orderId, { orderNo: answer.orderNo, totals: answer.totals, summaryMessageId: answer.summary?.messageId ?? null });
    } else if ('status' in answer) {
      const order = getOrder(db, orderId);
      // The statusChanged event normally got here first; the answer only fills in when it did not — with
      // the event's effect on reminders too: paid or cancelled, the ones not yet queued never will be.
      if (order && order.relay_status !== answer.status) {
        setRelayStatus(db, orderId, { status: answer.status, at: now, source: 'agent' });
        if (!wantsPaymentReminders(answer.status)) skipScheduledReminders(db, orderId);
      }
      setStatusError(db, orderId, null);
      refreshOrderStatus(db, orderId);
    }
  })();
  return { kind: 'settled', scopes: orderScopes(row.conversation_id) };
}

/** A permanent refusal (also used when the row itself cannot be sent). Runs in the caller's transaction. */
export function rejectOrderMutation(db: LocalDatabase, row: OutboxRow, error: string): void {
  const orderId = rowPayloadSchema.safeParse(parseJsonOrNull(row.payload)).data?.orderId;
  if (row.type === ORDER_CREATE_MUTATION) {
    failOutboxItem(db, row.id, error);
    if (orderId) markOrderRejected(db, orderId, error);
    return;
  }
  // A refused status change or summary needs nothing more from the agent: the order shows the reason instead.
  deleteOutboxItem(db, row.id);
  if (orderId) {
    setStatusError(db, orderId, error);
    refreshOrderStatus(db, orderId);
  }
}

/** "訂單 NT$1,280 · 3 件" / "訂單 SO2611230001 → 已付款" / "訂單 SO2611230001 → 傳送摘要", for the outbox panel. */
export function orderOutboxSummary(db: LocalDatabase, row: OutboxRow): string {
  const payload = parseJsonOrNull(row.payload) as { orderId?: unknown; cart?: unknown; status?: unknown } | null;
  if (row.type === ORDER_CREATE_MUTATION) {
    const cart = cartSchema.safeParse(payload?.cart);
    if (!cart.success) return '訂單';
    const totals = computeCartTotals(cart.data);
    return `訂單 ${formatNtd(totals.total)} · ${totals.itemCount} 件`;
  }
  const order = typeof payload?.orderId === 'string' ? getOrder(db, payload.orderId) : null;
  const name = order?.order_no ?? (order ? `${formatNtd(totalOf(order.totals_json))}（未編號）` : null);
  if (row.type === ORDER_SEND_SUMMARY_MUTATION) return `${name ? `訂單 ${name}` : '訂單'} → 傳送摘要`;
  const status = z.enum(['paid', 'shipped', 'cancelled']).safeParse(payload?.status);
  return `${name ? `訂單 ${name}` : '訂單'} → ${status.success ? orderStatusLabel(status.data) : '?'}`;
}

function totalOf(totalsJson: string): number {
  const total = (parseJsonOrNull(totalsJson) as { total?: unknown } | null)?.total;
  return typeof total === 'number' ? total : 0;
}
