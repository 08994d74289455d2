import { refuseCountedPush } from '../outbox/counted-push';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Cart, CartTotals, OrderStatus } from '../../../shared/orders/cart-schema';
import { computeCartTotals } from '../../../shared/orders/cart-totals';
import { canChangeStatus } from '../../../shared/orders/order-status';
import { orderCreatePayload, orderSetStatusPayload } from '../../../shared/protocol/order-mutations';
import type { LocalDatabase } from '../store/database';
import { getConversation } from '../store/conversations';
import { getStoredAgent } from '../store/meta';
import { insertOutboxItem } from '../store/outbox';
import { getOrder, insertLocalOrder, ORDER_CREATE_MUTATION, ORDER_SET_STATUS_MUTATION, setLocalStatus } from './order-store';

type Failure = { ok: false; code: string; message: string };
export type CreateOrderResult = { ok: true; orderId: string; totals: CartTotals } | Failure;

const STATUS_LABEL: Record<OrderStatus, string> = {
  awaiting_payment: '待付款',
  paid: '已付款',
  shipped: '已出貨',
  cancelled: '已取消',
};

export function orderStatusLabel(status: OrderStatus): string {
  return STATUS_LABEL[status];
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'order'}: ${issue.message}`).join('; ');
}

/**
 * Creates an order from the agent's cart: the local order (queued, not yet numbered) and its
 * `order.create` outbox row are written in ONE transaction, so it works offline and is never half there.
 * The order id is the mutation id: however often it is sent, the relay makes one order of it.
 */
export function createOrder(
  db: LocalDatabase,
  input: { conversationId: string; cart: Cart; sendSummary: boolean; push?: boolean | undefined },
  now: () => number,
): CreateOrderResult {
  const conversation = getConversation(db, input.conversationId);
  if (!conversation) return { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${input.conversationId} here` };
  const noPush = refuseCountedPush(conversation.channel, input.push);
  if (noPush) return noPush;
  const orderId = `ord_${randomUUID()}`;
  const clientTime = now();
  const payload = orderCreatePayload.safeParse({
    orderId,
    conversationId: input.conversationId,
    cart: input.cart,
    sendSummary: input.sendSummary,
    ...(input.push === undefined ? {} : { push: input.push }),
    clientTime,
  });
  if (!payload.success) return { ok: false, code: 'INVALID_ORDER', message: issues(payload.error) };
  const totals = computeCartTotals(payload.data.cart);
  db.transaction(() => {
    insertLocalOrder(db, {
      orderId,
      conversationId: conversation.id,
      friendId: conversation.friend_id,
      cart: payload.data.cart,
      totals,
      createdAt: clientTime,
      createdBy: getStoredAgent(db)?.name ?? '',
    });
    insertOutboxItem(db, { id: orderId, type: ORDER_CREATE_MUTATION, payload: payload.data, conversationId: conversation.id, createdAt: clientTime });
  })();
  return { ok: true, orderId, totals };
}

export type ChangeStatusResult = { ok: true; conversationId: string } | Failure;

/**
 * Queues a manual status change (works offline) and shows it at once. Checked against the status shown
 * here with the relay's own table; the relay still decides, and a refusal puts its status back.
 */
export function changeOrderStatus(
  db: LocalDatabase,
  input: { orderId: string; status: 'paid' | 'shipped' | 'cancelled' },
  now: () => number,
): ChangeStatusResult {
  const order = getOrder(db, input.orderId);
  if (!order) return { ok: false, code: 'UNKNOWN_ORDER', message: `No order ${input.orderId} here` };
  if (order.sync === 'rejected') {
    return { ok: false, code: 'REJECTED', message: `The relay refused this order (${order.sync_error ?? 'no reason given'}); it cannot change status` };
  }
  if (!canChangeStatus(order.status, input.status)) {
    return {
      ok: false,
      code: 'BAD_STATUS',
      message: `An order that is ${STATUS_LABEL[order.status]} cannot become ${STATUS_LABEL[input.status]}`,
    };
  }
  const clientTime = now();
  const payload = orderSetStatusPayload.parse({ orderId: input.orderId, status: input.status, clientTime });
  db.transaction(() => {
    // Same lane as the order's order.create (its conversation): the relay sees the order before the change.
    insertOutboxItem(db, { id: randomUUID(), type: ORDER_SET_STATUS_MUTATION, payload, conversationId: order.conversation_id, createdAt: clientTime });
    setLocalStatus(db, input.orderId, input.status, clientTime);
  })();
  return { ok: true, conversationId: order.conversation_id };
}
