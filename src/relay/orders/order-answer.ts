import type { MutationAck } from '../../shared/protocol';
import type { OrderRecord } from '../store/relay-store';

/** The answer to order.create: the order's number and totals, and how its summary left (so far). */
export function orderCreateAnswer(order: OrderRecord): MutationAck {
  return { ok: true, orderId: order.orderId, orderNo: order.orderNo, totals: order.totals, summary: order.summary };
}
