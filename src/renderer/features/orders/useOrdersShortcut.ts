import { useShortcut } from '../../shortcuts/ShortcutProvider';

/** Alt+O opens the orders, Alt+Shift+O the open conversation's customer's, from anywhere (Alt+letter types nothing). */
export function useOrdersShortcut(onOpen: (scope: 'all' | 'customer') => void): void {
  useShortcut('orders.open', () => onOpen('all'));
  useShortcut('orders.customer', () => onOpen('customer'));
}
