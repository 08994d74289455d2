import type { OrderStatus } from './cart-schema';

/**
 * Which status changes make sense. Paid orders can still be cancelled (refund); shipped and cancelled are final.
 * The relay is the authority; the app uses the same table to offer only valid actions.
 */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: [],
  cancelled: [],
};

export function canChangeStatus(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return NEXT[from];
}

/** Reminders are only for orders still waiting for money. */
export function wantsPaymentReminders(status: OrderStatus): boolean {
  return status === 'awaiting_payment';
}
