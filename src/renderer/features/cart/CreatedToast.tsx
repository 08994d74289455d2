import { useCallback, useEffect, useState } from 'react';
import { useInboxApi } from '../../api/api-context';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';

/**
 * 「已建立訂單 …」 after creating an order. The core answers orders:create as soon as the order is queued, so
 * even online the number usually arrives a moment later, with the relay's answer: the toast follows the order
 * and shows the number once it has one (offline it keeps saying the number comes on sync).
 */
export function CreatedToast({ orderId, conversationId, orderNo: initialOrderNo }: { orderId: string; conversationId: string; orderNo: string | null }) {
  const { t } = useI18n();
  const api = useInboxApi();
  const [orderNo, setOrderNo] = useState(initialOrderNo);
  const refresh = useCallback(() => {
    if (orderNo !== null) return;
    // A failed read keeps the pending text; the next change event tries again.
    api.invoke('orders:get', { orderId }).then((order) => setOrderNo(order?.orderNo ?? null), () => undefined);
  }, [api, orderId, orderNo]);
  // Also once on mount: the number may have arrived between orders:create and this subscription.
  useEffect(refresh, [refresh]);
  useChanged(['orders', `orders:${conversationId}`], refresh);
  return (
    <div className="cart-toast" role="status">
      <span aria-hidden="true">✓</span> {orderNo ? t('cart.created', { orderNo }) : t('cart.created.pending')}
    </div>
  );
}
