import { refuseCountedPush } from '../outbox/counted-push';
import { getConversation } from '../store/conversations';
import { randomUUID } from 'node:crypto';
import { orderSendSummaryPayload } from '../../../shared/protocol/order-mutations';
import type { LocalDatabase } from '../store/database';
import { insertOutboxItem } from '../store/outbox';
import { statement } from '../store/statements';
import { orderStatusLabel } from './enqueue-order';
import { getOrder, ORDER_SEND_SUMMARY_MUTATION, setStatusError, summarySendPending } from './order-store';

export type SendSummaryResult = { ok: true; conversationId: string } | { ok: false; code: string; message: string };

/** A summary in these states may be sent again; every other one is (or was) on its way to the customer. */
const RESENDABLE: ReadonlySet<string> = new Set(['failed', 'cancelled']);

/**
 * Queues `order.sendSummary` (works offline), after the same checks the relay makes — against what this app
 * knows, so the agent hears at once why not. The relay still decides (a summary another agent sent meanwhile
 * → NOT_CHANGEABLE, shown on the order). Same lane as the conversation's other order mutations, so a status
 * change queued before it reaches the relay first.
 */
export function sendOrderSummary(db: LocalDatabase, input: { orderId: string; push?: boolean | undefined }, now: () => number): SendSummaryResult {
  const order = getOrder(db, input.orderId);
  if (!order) return { ok: false, code: 'UNKNOWN_ORDER', message: `No order ${input.orderId} here` };
  const noPush = refuseCountedPush(getConversation(db, order.conversation_id)?.channel ?? 'line', input.push);
  if (noPush) return noPush;
  if (order.sync !== 'synced') {
    return {
      ok: false,
      code: 'NOT_SYNCED',
      message:
        order.sync === 'queued'
          ? 'The order is not on the relay yet: it gets its number (and, if asked, its summary) once it syncs'
          : `The relay refused this order (${order.sync_error ?? 'no reason given'}); there is nothing to summarise`,
    };
  }
  if (order.status !== 'awaiting_payment') {
    return { ok: false, code: 'BAD_STATUS', message: `The order is ${orderStatusLabel(order.status)}: a summary with a payment link is only sent while it awaits payment` };
  }
  if (summarySendPending(db, order.order_id)) {
    return { ok: false, code: 'ALREADY_QUEUED', message: 'This order’s summary is already waiting to be sent' };
  }
  if (order.summary_message_id !== null) {
    const delivery = summaryDeliveryOf(db, order.summary_message_id);
    if (delivery === null || !RESENDABLE.has(delivery)) {
      return {
        ok: false,
        code: 'SUMMARY_ON_ITS_WAY',
        message: `The summary was already ${delivery ?? 'sent'}: only a failed or cancelled summary is sent again`,
      };
    }
  }
  const clientTime = now();
  const payload = orderSendSummaryPayload.parse({ orderId: order.order_id, ...(input.push ? { push: true } : {}), clientTime });
  db.transaction(() => {
    insertOutboxItem(db, { id: randomUUID(), type: ORDER_SEND_SUMMARY_MUTATION, payload, conversationId: order.conversation_id, createdAt: clientTime });
    // An earlier refusal is answered by this new attempt.
    setStatusError(db, order.order_id, null);
  })();
  return { ok: true, conversationId: order.conversation_id };
}

/** null: the message has not reached this app yet (it is new on the relay, so not failed). */
function summaryDeliveryOf(db: LocalDatabase, messageId: string): string | null {
  const row = statement(db, 'SELECT delivery FROM messages WHERE server_id = ?').get(messageId) as { delivery: string | null } | undefined;
  return row?.delivery ?? null;
}
