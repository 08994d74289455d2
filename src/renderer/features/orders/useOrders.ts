import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderView } from '../../../shared/ipc';
import type { OrderStatus } from '../../../shared/orders/cart-schema';
import { useInboxApi } from '../../api/api-context';
import { errorText } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { countByStatus } from './order-presentation';

export interface OrdersQuery {
  status: OrderStatus | null;
  query: string;
  conversationId: string | null;
}

export interface OrdersState {
  orders: OrderView[] | null;
  counts: Partial<Record<OrderStatus, number>>;
  error: string | null;
  refresh(): void;
}

/** Orders as many as the list shows at once (the core's limit); the list is virtualised. */
const LIST_LIMIT = 500;

/**
 * orders:list for the current filters, re-read when the core reports an order change. Errors are kept
 * in view (the list says what failed) rather than toasted, and the last good list stays on screen.
 */
export function useOrders({ status, query, conversationId }: OrdersQuery): OrdersState {
  const api = useInboxApi();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [counts, setCounts] = useState<Partial<Record<OrderStatus, number>>>({});
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    // One customer's orders are few: fetch them all and filter the status here, so the chips count that
    // customer's orders (the core's counts are for the whole shop).
    const perCustomer = conversationId !== null;
    const input = {
      limit: LIST_LIMIT,
      ...(status && !perCustomer ? { status } : {}),
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(conversationId ? { conversationId } : {}),
    };
    api.invoke('orders:list', input).then(
      (result) => {
        // A slower answer for an older filter must not overwrite a newer one.
        if (request !== latestRequest.current) return;
        setOrders(perCustomer && status ? result.orders.filter((order) => order.status === status) : result.orders);
        setCounts(perCustomer ? countByStatus(result.orders) : result.counts);
        setError(null);
      },
      (failure: unknown) => {
        if (request === latestRequest.current) setError(errorText(failure));
      },
    );
  }, [api, status, query, conversationId]);

  useEffect(refresh, [refresh]);
  useChanged(conversationId ? ['orders', `orders:${conversationId}`] : ['orders'], refresh);
  return { orders, counts, error, refresh };
}
