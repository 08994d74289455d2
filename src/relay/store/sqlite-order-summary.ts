import type Database from 'better-sqlite3';
import { renderOrderSummary } from '../../shared/orders/order-messages';
import type { DeliveryState, MutationAck, RelayEvent } from '../../shared/protocol';
import { orderCreateAnswer } from '../orders/order-answer';
import type { BeginOrderCreateResult, BeginOrderSendSummaryInput, OrderRecord } from './relay-store';
import { currentShopSettingsSync } from './sqlite-catalog';
import { appendEventsSync } from './sqlite-event-log';
import { getOrderSync } from './sqlite-order-queries';
import { createOutboundMessageSync } from './sqlite-outbound';
import { getMutationSync, recordMutationSync } from './sqlite-replies';

/**
 * A summary in one of these states reaches (or already reached) the customer without anyone's help — a
 * held one goes out free with the customer's next message — so a second one would only be a duplicate.
 */
export const ON_ITS_WAY: ReadonlySet<DeliveryState> = new Set(['sending', 'sent_free', 'sent_push', 'held']);

/**
 * order.sendSummary in ONE transaction, like order.create's summary step: checks the order, renders the
 * summary from the stored order with the NEWEST payment link template (the link may have changed since the
 * order was made), creates it through the shared outgoing-message path (free reply with held items riding
 * along / held / consented push) and makes it the order's summary. Its message.sent carries `kind` and
 * `orderId`, which is how every client learns the order's new summary (the newest one wins).
 */
export function beginOrderSendSummarySync(
  db: Database.Database,
  input: BeginOrderSendSummaryInput,
): { result: BeginOrderCreateResult; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { result: { kind: 'repeat', mutation: repeat }, appended: [] };
  const record = (answer: MutationAck | null) =>
    recordMutationSync(db, { id: input.mutationId, type: 'order.sendSummary', agentName: input.agentName, now: input.now, answer });
  const refuse = (answer: MutationAck) => {
    record(answer);
    return { result: { kind: 'answered' as const, answer }, appended: [] };
  };

  const order = getOrderSync(db, input.orderId);
  if (!order) return refuse({ ok: false, code: 'UNKNOWN_ORDER', message: `No order ${input.orderId} on this relay` });
  if (order.status !== 'awaiting_payment') {
    return refuse({ ok: false, code: 'BAD_STATUS', message: `Order ${order.orderNo} is ${order.status}: its summary (with the payment link) is only sent while it awaits payment` });
  }
  if (order.summary && ON_ITS_WAY.has(order.summary.delivery)) {
    return refuse({
      ok: false,
      code: 'NOT_CHANGEABLE',
      message: `The summary of order ${order.orderNo} is ${order.summary.delivery} (message ${order.summary.messageId}): it is not sent again`,
    });
  }

  const settings = currentShopSettingsSync(db);
  const summary = createOutboundMessageSync(db, {
    messageId: input.messageId,
    mutationId: input.mutationId,
    conversationId: order.conversationId,
    text: renderOrderSummary({ orderNo: order.orderNo, ...order.cart, totals: order.totals }, settings.payment.linkTemplate),
    agentName: input.agentName,
    now: input.now,
    kind: 'order_summary',
    orderId: order.orderId,
    pushConsent: input.push,
    newRetryKey: input.newRetryKey,
    rules: input.rules,
    mayUseFreshToken: true,
  });
  db.prepare('UPDATE orders SET summary_message_id = ? WHERE order_id = ?').run(input.messageId, order.orderId);
  const { outcome } = summary;
  // Held: answered now. Sending or pushing: answered when LINE's outcome is settled (or the sweep settles it).
  const answer = outcome.kind === 'held' ? orderCreateAnswer(getOrderSync(db, order.orderId) as OrderRecord) : null;
  record(answer);
  const appended = appendEventsSync(db, summary.events);
  if (answer) return { result: { kind: 'answered', answer }, appended };
  return { result: outcome as Exclude<typeof outcome, { kind: 'held' }>, appended };
}
