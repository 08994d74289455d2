import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { renderOrderSummary } from '../../../src/shared/orders/order-messages';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import { orderCreatePayload, orderSetStatusPayload } from '../../../src/shared/protocol/order-mutations';
import type { MutationAck } from '../../../src/shared/protocol';
import { canChangeStatus } from '../../../src/shared/orders/order-status';
import type { OrderStatus } from '../../../src/shared/orders/cart-schema';
import { acceptReply, startFakeRelay, type FakeRelay, type FakeRelayOptions, type MutateCall } from '../../unit/core/support/fake-relay';

/**
 * A relay double for the quick cart, following docs/protocol.md and the order design only: order.create
 * creates ONE order per mutation id (a repeated id gets the stored answer, with no second effect), numbers
 * it SO + yyMMdd + a 4-digit counter, appends order.created and the summary's message.sent (sent_free);
 * order.setStatus checks the status table. `refuse` makes it answer order.create with a permanent error.
 */
export interface OrderRelayDouble {
  relay: FakeRelay;
  /** Orders by id, as the relay holds them. */
  orders: Map<string, { orderNo: string; status: OrderStatus; conversationId: string }>;
  /** order.create calls received (repeats included). */
  createCalls(): MutateCall[];
  refuse: { code: 'UNKNOWN_CONVERSATION' | 'INVALID_MUTATION'; message: string } | null;
  /** While set, order.create is applied (its events only in the backlog) but not answered, and this is called. */
  loseAnswer: ((call: MutateCall) => void) | null;
}

export async function startOrderRelayDouble(options: FakeRelayOptions = {}, day = '261123'): Promise<OrderRelayDouble> {
  const relay = await startFakeRelay(options);
  const answers = new Map<string, MutationAck>();
  const double: OrderRelayDouble = {
    relay,
    orders: new Map(),
    createCalls: () => relay.mutations.filter((call) => call.type === 'order.create'),
    refuse: null,
    loseAnswer: null,
  };

  function createOrder(call: MutateCall): MutationAck {
    const payload = orderCreatePayload.parse(call.payload);
    if (payload.orderId !== call.id) return { ok: false, code: 'ID_MISMATCH', message: 'orderId must equal the mutation id' };
    if (double.refuse) return { ok: false, ...double.refuse };
    const orderNo = `SO${day}${String(double.orders.size + 1).padStart(4, '0')}`;
    const totals = computeCartTotals(payload.cart);
    const messageId = `srv-sum-${call.id}`;
    double.orders.set(payload.orderId, { orderNo, status: 'awaiting_payment', conversationId: payload.conversationId });
    const friendId = payload.conversationId.replace(/^line:/, '');
    relay.append({
      type: 'order.created',
      conversationId: payload.conversationId,
      occurredAt: Date.now(),
      payload: {
        orderId: payload.orderId,
        orderNo,
        friendId,
        cart: payload.cart,
        totals,
        status: 'awaiting_payment',
        agentName: 'Amy',
        clientTime: payload.clientTime,
        reminderDueAt: [Date.now() + 12 * 3_600_000, Date.now() + 48 * 3_600_000],
        summaryMessageId: payload.sendSummary ? messageId : null,
      },
    });
    if (payload.sendSummary) {
      const text = renderOrderSummary({ orderNo, ...payload.cart, totals }, DEFAULT_SHOP_SETTINGS.payment.linkTemplate);
      relay.append({
        type: 'message.sent',
        conversationId: payload.conversationId,
        occurredAt: Date.now(),
        payload: { messageId, mutationId: `summary:${call.id}`, text, agentName: 'Amy', delivery: 'sent_free', reason: null, kind: 'order_summary', orderId: payload.orderId },
      });
    }
    return { ok: true, orderId: payload.orderId, orderNo, totals, summary: payload.sendSummary ? { messageId, delivery: 'sent_free', reason: null } : null };
  }

  function setStatus(call: MutateCall): MutationAck {
    const payload = orderSetStatusPayload.parse(call.payload);
    const order = double.orders.get(payload.orderId);
    if (!order) return { ok: false, code: 'UNKNOWN_ORDER', message: `No order ${payload.orderId}` };
    if (!canChangeStatus(order.status, payload.status)) return { ok: false, code: 'BAD_STATUS', message: `${order.status} → ${payload.status}` };
    const previous = order.status;
    order.status = payload.status;
    relay.append({
      type: 'order.statusChanged',
      conversationId: order.conversationId,
      occurredAt: Date.now(),
      payload: { orderId: payload.orderId, orderNo: order.orderNo, status: payload.status, previous, source: 'agent', agentName: 'Amy', transactionId: null },
    });
    return { ok: true, orderId: payload.orderId, status: payload.status, changed: true };
  }

  relay.onMutate = (call, self) => {
    if (call.type !== 'order.create' && call.type !== 'order.setStatus') return acceptReply(call, self);
    const stored = answers.get(call.id);
    if (stored) return stored;
    const lose = call.type === 'order.create' ? double.loseAnswer : null;
    // A lost answer: its events stay in the log but are not pushed live either (the connection is going).
    if (lose) self.dropLive = true;
    const answer = call.type === 'order.create' ? createOrder(call) : setStatus(call);
    answers.set(call.id, answer);
    if (lose) {
      self.dropLive = false;
      lose(call);
      return 'no-answer';
    }
    return answer;
  };
  return double;
}
