import { computeCartTotals } from '../../../shared/orders/cart-totals';
import type { OrderStatus } from '../../../shared/orders/cart-schema';
import { renderOrderSummary } from '../../../shared/orders/order-messages';
import { canChangeStatus } from '../../../shared/orders/order-status';
import type { MutationAck, NewRelayEvent } from '../../../shared/protocol';
import { orderCreateAnswer } from '../../orders/order-answer';
import { formatOrderNo, orderDayKey } from '../../orders/order-number';
import type { BeginOrderCreateInput, BeginOrderCreateResult, OrderRecord, SetOrderStatusInput } from '../relay-store';
import { currentShopSettings } from './pg-catalog';
import { friendIdOf } from './pg-conversations';
import { getOrder } from './pg-order-queries';
import { createOutboundMessage } from './pg-outbound';
import { recordMutation, unknownConversation } from './pg-replies';
import type { PgTx } from './pg-transaction';

const MINUTE_MS = 60_000;

/** The next number of the day: the counter row's update is atomic across relay processes (row lock until commit). */
async function nextOrderNo(tx: PgTx, now: number): Promise<string> {
  const day = orderDayKey(now);
  const row = await tx.row<{ last: number }>(
    `INSERT INTO order_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = order_counters.last + 1 RETURNING last`,
    [day],
  );
  if (!row) throw new Error('no order number');
  return formatOrderNo(day, row.last);
}

/** PostgreSQL twin of sqlite-orders.ts beginOrderCreateSync. Caller holds the mutation and conversation locks. */
export async function beginOrderCreate(tx: PgTx, input: BeginOrderCreateInput): Promise<BeginOrderCreateResult> {
  const { payload } = input;
  const record = (answer: MutationAck | null) =>
    recordMutation(tx, { id: input.mutationId, type: 'order.create', agentName: input.agentName, now: input.now, answer });
  if (payload.orderId !== input.mutationId) {
    const answer: MutationAck = {
      ok: false,
      code: 'ID_MISMATCH',
      message: `order.create must use the order id as its mutation id (order ${payload.orderId}, mutation ${input.mutationId})`,
    };
    await record(answer);
    return { kind: 'answered', answer };
  }
  const unknown = await unknownConversation(tx, { ...input, type: 'order.create', conversationId: payload.conversationId });
  if (unknown) return { kind: 'answered', answer: unknown };

  const settings = await currentShopSettings(tx);
  const orderNo = await nextOrderNo(tx, input.now);
  const totals = computeCartTotals(payload.cart);
  const friendId = await friendIdOf(tx, payload.conversationId);
  const summaryMessageId = payload.sendSummary ? input.summaryMessageId : null;
  await tx.run(
    `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, total, status, agent_name,
       client_time, created_at, status_changed_at, summary_message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'awaiting_payment', $8, $9, $10, $10, $11)`,
    [payload.orderId, orderNo, payload.conversationId, friendId, JSON.stringify(payload.cart), JSON.stringify(totals), totals.total, input.agentName, payload.clientTime, input.now, summaryMessageId],
  );
  const dueTimes = [...new Set(settings.reminders.delaysMinutes)].sort((a, b) => a - b).map((minutes) => input.now + minutes * MINUTE_MS);
  for (const [index, dueAt] of dueTimes.entries()) {
    await tx.run(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES ($1, $2, $3, 'pending')`, [payload.orderId, index, dueAt]);
  }
  const events: NewRelayEvent[] = [
    {
      type: 'order.created',
      conversationId: payload.conversationId,
      occurredAt: input.now,
      payload: {
        orderId: payload.orderId,
        orderNo,
        friendId,
        cart: payload.cart,
        totals,
        status: 'awaiting_payment',
        agentName: input.agentName,
        clientTime: payload.clientTime,
        reminderDueAt: dueTimes,
        summaryMessageId,
      },
    },
  ];
  const storedAnswer = async () => orderCreateAnswer((await getOrder(tx, payload.orderId)) as OrderRecord);
  if (summaryMessageId === null) {
    const answer = await storedAnswer();
    await record(answer);
    tx.emit(events);
    return { kind: 'answered', answer };
  }
  const summary = await createOutboundMessage(tx, {
    messageId: summaryMessageId,
    mutationId: input.mutationId,
    conversationId: payload.conversationId,
    text: renderOrderSummary({ orderNo, ...payload.cart, totals }, settings.payment.linkTemplate),
    agentName: input.agentName,
    now: input.now,
    kind: 'order_summary',
    orderId: payload.orderId,
    pushConsent: payload.push === true,
    newRetryKey: input.newRetryKey,
    rules: input.rules,
    mayUseFreshToken: true,
  });
  events.push(...summary.events);
  const { outcome } = summary;
  const answer = outcome.kind === 'held' ? await storedAnswer() : null;
  await record(answer);
  tx.emit(events);
  if (answer) return { kind: 'answered', answer };
  return outcome as Exclude<typeof outcome, { kind: 'held' }>;
}

/** See sqlite-orders.ts changeOrderStatusSync; null when the change is not allowed. */
export async function changeOrderStatus(
  tx: PgTx,
  input: { order: OrderRecord; status: OrderStatus; source: 'agent' | 'payment'; agentName: string | null; transactionId: string | null; now: number },
): Promise<NewRelayEvent[] | null> {
  const { order } = input;
  if (!canChangeStatus(order.status, input.status)) return null;
  await tx.run('UPDATE orders SET status = $1, status_changed_at = $2 WHERE order_id = $3', [input.status, input.now, order.orderId]);
  const events: NewRelayEvent[] = [
    {
      type: 'order.statusChanged',
      conversationId: order.conversationId,
      occurredAt: input.now,
      payload: {
        orderId: order.orderId,
        orderNo: order.orderNo,
        status: input.status,
        previous: order.status,
        source: input.source,
        agentName: input.agentName,
        transactionId: input.transactionId,
      },
    },
  ];
  if (input.status === 'paid' || input.status === 'cancelled') events.push(...(await cancelUnsentOrderMessages(tx, order, input.now)));
  return events;
}

async function cancelUnsentOrderMessages(tx: PgTx, order: OrderRecord, now: number): Promise<NewRelayEvent[]> {
  await tx.run(`UPDATE order_reminders SET state = 'skipped' WHERE order_id = $1 AND state = 'pending'`, [order.orderId]);
  const held = await tx.rows<{ message_id: string; mutation_id: string; created_at: number; row_no: number }>(
    `UPDATE outbound_messages SET delivery = 'cancelled', reason = NULL, updated_at = $1
     WHERE order_id = $2 AND kind IN ('payment_reminder', 'order_summary') AND delivery = 'held'
     RETURNING message_id, mutation_id, created_at, row_no`,
    [now, order.orderId],
  );
  // Announced oldest first, as they were created.
  held.sort((a, b) => a.created_at - b.created_at || a.row_no - b.row_no);
  return held.map((row) => ({
    type: 'delivery.updated',
    conversationId: order.conversationId,
    occurredAt: now,
    payload: { messageId: row.message_id, mutationId: row.mutation_id, delivery: 'cancelled', reason: null },
  }));
}

/** order.setStatus: caller holds the mutation lock and the order's conversation lock and checked for a repeat. */
export async function setOrderStatus(tx: PgTx, input: SetOrderStatusInput, order: OrderRecord | null): Promise<MutationAck> {
  const finish = async (answer: MutationAck, events: NewRelayEvent[] = []) => {
    await recordMutation(tx, { id: input.mutationId, type: 'order.setStatus', agentName: input.agentName, now: input.now, answer });
    tx.emit(events);
    return answer;
  };
  if (!order) return finish({ ok: false, code: 'UNKNOWN_ORDER', message: `No order ${input.orderId} on this relay` });
  if (order.status === input.status) return finish({ ok: true, orderId: order.orderId, status: order.status, changed: false });
  const events = await changeOrderStatus(tx, { order, status: input.status, source: 'agent', agentName: input.agentName, transactionId: null, now: input.now });
  if (!events) {
    return finish({ ok: false, code: 'BAD_STATUS', message: `Order ${order.orderNo} is ${order.status}: it cannot become ${input.status}` });
  }
  return finish({ ok: true, orderId: order.orderId, status: input.status, changed: true }, events);
}
