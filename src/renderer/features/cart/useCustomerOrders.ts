import { useCallback, useEffect, useState } from 'react';
import type { OrderView } from '../../../shared/ipc/order-contract';
import { useInboxApi } from '../../api/api-context';
import { useChanged } from '../../hooks/useChanged';

/** The orders of one conversation's customer, newest first, re-read when the core reports order changes. */
export function useCustomerOrders(conversationId: string): OrderView[] | null {
  const api = useInboxApi();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const refresh = useCallback(() => {
    // A failed read keeps what is shown; the next change event corrects it.
    api.invoke('orders:list', { conversationId, limit: 50 }).then((result) => setOrders(result.orders), () => undefined);
  }, [api, conversationId]);
  useEffect(refresh, [refresh]);
  useChanged(['orders', `orders:${conversationId}`], refresh);
  return orders;
}
