import { isAltLetter, type KeyPress } from '../../lib/key-press';

/** The Orders view's keys, decided from the key alone (DOM-free so it can be unit-tested). */
export type OrdersKey = KeyPress;

/** Alt+O opens the orders; Alt+Shift+O the selected conversation's customer's orders. */
export function ordersShortcutFor(event: OrdersKey): 'all' | 'customer' | null {
  if (!isAltLetter(event, 'o', { shift: 'any' })) return null;
  return event.shiftKey ? 'customer' : 'all';
}

/** Up/Down (or j/k) in the order list move the selection. */
export function listStepFor(event: Pick<OrdersKey, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): 1 | -1 | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.key === 'ArrowDown' || (!event.altKey && event.key === 'j')) return 1;
  if (event.key === 'ArrowUp' || (!event.altKey && event.key === 'k')) return -1;
  return null;
}
