import type Database from 'better-sqlite3';
import { computeCartTotals } from '../../shared/orders/cart-totals';
import type { OrderStatus } from '../../shared/orders/cart-schema';
import { renderOrderSummary } from '../../shared/orders/order-messages';
import { canChangeStatus } from '../../shared/orders/order-status';
import type { MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import { formatOrderNo, orderDayKey } from '../orders/order-number';
import type { BeginOrderCreateInput, BeginOrderCreateResult, OrderRecord, SetOrderStatusInput } from './relay-store';
import { currentShopSettingsSync } from './sqlite-catalog';
import { appendEventsSync } from './sqlite-event-log';
import { orderCreateAnswer } from '../orders/order-answer';
import { getOrderSync } from './sqlite-order-queries';
import { createOutboundMessageSync, friendIdSync } from './sqlite-outbound';
import { getMutationSync, recordMutationSync, unknownConversationSync } from './sqlite-replies';

const MINUTE_MS = 60_000;

/** The next number of the day on the relay clock; the counter row is part of the caller's transaction. */
function nextOrderNoSync(db: Database.Database, now: number): string {
  const day = orderDayKey(now);
  const row = db
    .prepare(
      `INSERT INTO order_counters (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .get(day) as { last: number };
  return formatOrderNo(day, row.last);
}

/**
 * order.create in one transaction: the order (id = mutation id), its number, its reminder schedule from
 * the newest shop settings, order.created and — when asked — the summary message through the shared
 * outgoing-message path (free reply with held items riding along / held / consented push). The relay
 * recomputes the totals from the cart with the same function the app uses.
 */
export function beginOrderCreateSync(
  db: Database.Database,
  input: BeginOrderCreateInput,
): { result: BeginOrderCreateResult; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { result: { kind: 'repeat', mutation: repeat }, appended: [] };
  const { payload } = input;
  const record = (answer: MutationAck | null) =>
    recordMutationSync(db, { id: input.mutationId, type: 'order.create', agentName: input.agentName, now: input.now, answer });
  if (payload.orderId !== input.mutationId) {
    const answer: MutationAck = {
      ok: false,
      code: 'ID_MISMATCH',
      message: `order.create must use the order id as its mutation id (order ${payload.orderId}, mutation ${input.mutationId})`,
    };
    record(answer);
    return { result: { kind: 'answered', answer }, appended: [] };
  }
  const unknown = unknownConversationSync(db, { ...input, type: 'order.create', conversationId: payload.conversationId });
  if (unknown) return { result: { kind: 'answered', answer: unknown }, appended: [] };

  const settings = currentShopSettingsSync(db);
  const orderNo = nextOrderNoSync(db, input.now);
  const totals = computeCartTotals(payload.cart);
  const friendId = friendIdSync(db, payload.conversationId);
  const summaryMessageId = payload.sendSummary ? input.summaryMessageId : null;
  db.prepare(
    `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, total, status, agent_name,
       client_time, created_at, status_changed_at, summary_message_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'awaiting_payment', ?, ?, ?, ?, ?)`,
  ).run(
    payload.orderId,
    orderNo,
    payload.conversationId,
    friendId,
    JSON.stringify(payload.cart),
    JSON.stringify(totals),
    totals.total,
    input.agentName,
    payload.clientTime,
    input.now,
    input.now,
    summaryMessageId,
  );
  const dueTimes = [...new Set(settings.reminders.delaysMinutes)].sort((a, b) => a - b).map((minutes) => input.now + minutes * MINUTE_MS);
  const insertReminder = db.prepare(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES (?, ?, ?, 'pending')`);
  dueTimes.forEach((dueAt, index) => insertReminder.run(payload.orderId, index, dueAt));

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
  const storedAnswer = () => orderCreateAnswer(getOrderSync(db, payload.orderId) as OrderRecord);
  if (summaryMessageId === null) {
    const answer = storedAnswer();
    record(answer);
    return { result: { kind: 'answered', answer }, appended: appendEventsSync(db, events) };
  }

  const summary = createOutboundMessageSync(db, {
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
  // Held: answered now. Sending or pushing: answered when LINE's outcome is settled (or the sweep settles it).
  const answer = outcome.kind === 'held' ? storedAnswer() : null;
  record(answer);
  const appended = appendEventsSync(db, events);
  if (answer) return { result: { kind: 'answered', answer }, appended };
  return { result: outcome as Exclude<typeof outcome, { kind: 'held' }>, appended };
}

/**
 * Moves an order to `status` (when canChangeStatus allows) and announces it. Paid or cancelled: reminders
 * not yet due are skipped, and queued reminders and a summary still held are cancelled (delivery.updated):
 * a customer must never get a payment link for an order already paid or cancelled.
 * Returns null when the change is not allowed (the caller answers BAD_STATUS).
 */
export function changeOrderStatusSync(
  db: Database.Database,
  input: {
    order: OrderRecord;
    status: OrderStatus;
    source: 'agent' | 'payment';
    agentName: string | null;
    transactionId: string | null;
    now: number;
  },
): NewRelayEvent[] | null {
  const { order } = input;
  if (!canChangeStatus(order.status, input.status)) return null;
  db.prepare('UPDATE orders SET status = ?, status_changed_at = ? WHERE order_id = ?').run(input.status, input.now, order.orderId);
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
  if (input.status === 'paid' || input.status === 'cancelled') events.push(...cancelUnsentOrderMessagesSync(db, order, input.now));
  return events;
}

function cancelUnsentOrderMessagesSync(db: Database.Database, order: OrderRecord, now: number): NewRelayEvent[] {
  db.prepare(`UPDATE order_reminders SET state = 'skipped' WHERE order_id = ? AND state = 'pending'`).run(order.orderId);
  const held = db
    .prepare(
      `SELECT message_id, mutation_id FROM outbound_messages
       WHERE order_id = ? AND kind IN ('payment_reminder', 'order_summary') AND delivery = 'held' ORDER BY created_at, rowid`,
    )
    .all(order.orderId) as { message_id: string; mutation_id: string }[];
  const cancel = db.prepare(`UPDATE outbound_messages SET delivery = 'cancelled', reason = NULL, updated_at = ? WHERE message_id = ?`);
  return held.map((row) => {
    cancel.run(now, row.message_id);
    return {
      type: 'delivery.updated',
      conversationId: order.conversationId,
      occurredAt: now,
      payload: { messageId: row.message_id, mutationId: row.mutation_id, delivery: 'cancelled', reason: null },
    };
  });
}

/** order.setStatus: the answer is recorded with the effect; asking for the status it already has changes nothing. */
export function setOrderStatusSync(db: Database.Database, input: SetOrderStatusInput): { result: MutationAck; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat?.answer) return { result: repeat.answer, appended: [] };
  const finish = (answer: MutationAck, events: NewRelayEvent[] = []) => {
    recordMutationSync(db, { id: input.mutationId, type: 'order.setStatus', agentName: input.agentName, now: input.now, answer });
    return { result: answer, appended: appendEventsSync(db, events) };
  };
  const order = getOrderSync(db, input.orderId);
  if (!order) return finish({ ok: false, code: 'UNKNOWN_ORDER', message: `No order ${input.orderId} on this relay` });
  if (order.status === input.status) return finish({ ok: true, orderId: order.orderId, status: order.status, changed: false });
  const events = changeOrderStatusSync(db, { order, status: input.status, source: 'agent', agentName: input.agentName, transactionId: null, now: input.now });
  if (!events) {
    return finish({
      ok: false,
      code: 'BAD_STATUS',
      message: `Order ${order.orderNo} is ${order.status}: it cannot become ${input.status}`,
    });
  }
  return finish({ ok: true, orderId: order.orderId, status: input.status, changed: true }, events);
}
