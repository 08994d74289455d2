import { renderOrderSummary } from '../../../shared/orders/order-messages';
import type { MutationAck } from '../../../shared/protocol';
import { orderCreateAnswer } from '../../orders/order-answer';
import type { BeginOrderCreateResult, BeginOrderSendSummaryInput, OrderRecord } from '../relay-store';
import { ON_ITS_WAY } from '../sqlite-order-summary';
import { currentShopSettings } from './pg-catalog';
import { getOrder } from './pg-order-queries';
import { createOutboundMessage } from './pg-outbound';
import { recordMutation } from './pg-replies';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-order-summary.ts. Caller holds the mutation lock and the order's conversation lock
 * and has checked for a repeat: two relays can never both decide the order has no summary on its way.
 */
export async function beginOrderSendSummary(tx: PgTx, input: BeginOrderSendSummaryInput, order: OrderRecord | null): Promise<BeginOrderCreateResult> {
  const record = (answer: MutationAck | null) =>
    recordMutation(tx, { id: input.mutationId, type: 'order.sendSummary', agentName: input.agentName, now: input.now, answer });
  const refuse = async (answer: MutationAck): Promise<BeginOrderCreateResult> => {
    await record(answer);
    return { kind: 'answered', answer };
  };
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
  const settings = await currentShopSettings(tx);
  const summary = await createOutboundMessage(tx, {
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
  await tx.run('UPDATE orders SET summary_message_id = $1 WHERE order_id = $2', [input.messageId, order.orderId]);
  const { outcome } = summary;
  const answer = outcome.kind === 'held' ? orderCreateAnswer((await getOrder(tx, order.orderId)) as OrderRecord) : null;
  await record(answer);
  tx.emit(summary.events);
  if (answer) return { kind: 'answered', answer };
  return outcome as Exclude<typeof outcome, { kind: 'held' }>;
}
