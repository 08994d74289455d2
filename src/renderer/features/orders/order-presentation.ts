import type { OrderReminderView, OrderView } from '../../../shared/ipc';
import type { OrderStatus } from '../../../shared/orders/cart-schema';
import { nextStatuses } from '../../../shared/orders/order-status';
import type { MessageKey } from '../../i18n/messages';
import type { DeliveryTone } from '../../lib/delivery';

/** How the orders view names and colours statuses, actions and reminders (DOM-free, unit-tested). */

export const ORDER_STATUSES: readonly OrderStatus[] = ['awaiting_payment', 'paid', 'shipped', 'cancelled'];

export const STATUS_TONE: Record<OrderStatus, DeliveryTone> = {
  awaiting_payment: 'waiting',
  paid: 'free',
  shipped: 'progress',
  cancelled: 'neutral',
};

export function statusLabelKey(status: OrderStatus): MessageKey {
  return `orders.status.${status}`;
}

export type StatusAction = { status: 'paid' | 'shipped' | 'cancelled'; labelKey: MessageKey; danger: boolean; confirm: boolean };

/**
 * The buttons an order offers: exactly the changes canChangeStatus allows from its status (the relay is
 * the authority; offering nothing else keeps agents from queuing changes it would refuse). An order the
 * relay refused to create has nothing to change.
 */
export function statusActions(order: Pick<OrderView, 'status' | 'sync'>): StatusAction[] {
  if (order.sync === 'rejected') return [];
  return nextStatuses(order.status)
    .filter((status): status is StatusAction['status'] => status !== 'awaiting_payment')
    .map((status) => ({
      status,
      labelKey: `orders.action.${status}`,
      danger: status === 'cancelled',
      // Cancelling is the one change an agent cannot take back; it also stops the reminders.
      confirm: status === 'cancelled',
    }));
}

export interface ReminderState {
  labelKey: MessageKey;
  tone: DeliveryTone;
}

/**
 * One reminder's state for the history: not created yet (scheduled), its message's delivery, or skipped /
 * cancelled because the order was paid or cancelled first (which one is told by the order's status:
 * a shipped order was paid before).
 */
export function reminderState(reminder: OrderReminderView, orderStatus: OrderStatus): ReminderState {
  const stopped: ReminderState =
    orderStatus === 'cancelled'
      ? { labelKey: 'orders.reminder.cancelledOrder', tone: 'neutral' }
      : { labelKey: 'orders.reminder.cancelledPaid', tone: 'neutral' };
  if (reminder.delivery === 'cancelled') return stopped;
  if (reminder.messageId === null || reminder.delivery === null) {
    if (reminder.skipped) return stopped;
    return reminder.messageId === null ? { labelKey: 'orders.reminder.scheduled', tone: 'neutral' } : { labelKey: 'orders.reminder.sending', tone: 'progress' };
  }
  switch (reminder.delivery) {
    case 'sent_free':
      return { labelKey: 'orders.reminder.sentFree', tone: 'free' };
    case 'held':
      return { labelKey: 'orders.reminder.held', tone: 'waiting' };
    case 'sent_push':
      return { labelKey: 'orders.reminder.pushed', tone: 'paid' };
    case 'failed':
      return { labelKey: 'orders.reminder.failed', tone: 'error' };
    case 'queued':
    case 'sending':
      return { labelKey: 'orders.reminder.sending', tone: 'progress' };
  }
}

/** Orders whose number or customer contains the query (the core filters too; this keeps typing instant). */
export function matchesOrderQuery(order: Pick<OrderView, 'orderNo' | 'customerName'>, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return (order.orderNo ?? '').toLowerCase().includes(needle) || order.customerName.toLowerCase().includes(needle);
}

/** The total of the status chips' counts (the 全部 chip). */
export function countAll(counts: Partial<Record<OrderStatus, number>>): number {
  return ORDER_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}

/** Orders per status, for the chips when the list is one customer's. */
export function countByStatus(orders: readonly Pick<OrderView, 'status'>[]): Record<OrderStatus, number> {
  const counts: Record<OrderStatus, number> = { awaiting_payment: 0, paid: 0, shipped: 0, cancelled: 0 };
  for (const order of orders) counts[order.status] += 1;
  return counts;
}

/** The order after `orderId` in a list, else the one before (keeps a selection when the list moves). */
export function neighbourId(orders: readonly Pick<OrderView, 'orderId'>[], orderId: string | null, delta: 1 | -1): string | null {
  if (orders.length === 0) return null;
  const index = orders.findIndex((order) => order.orderId === orderId);
  if (index < 0) return orders[delta === 1 ? 0 : orders.length - 1]!.orderId;
  return orders[Math.min(orders.length - 1, Math.max(0, index + delta))]!.orderId;
}
