import { formatNtd } from '../../../shared/orders/cart-totals';
import { Badge } from '../../components/Badge';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n';
import { OrderStatusChip } from './OrderStatusChip';
import { useCustomerOrders } from './useCustomerOrders';

/** 「此顧客的訂單」: this conversation's orders, newest first, with status and total (the Orders view has the rest). */
export function CustomerOrders({ conversationId, highlightId }: { conversationId: string; highlightId: string | null }) {
  const { t } = useI18n();
  const orders = useCustomerOrders(conversationId);
  if (orders === null) return <p className="cart-empty-note" aria-busy="true">{t('cart.orders.loading')}</p>;
  if (orders.length === 0) return <p className="cart-empty-note">{t('cart.orders.empty')}</p>;
  return (
    <ul className="cart-orders" data-customer-orders>
      {orders.map((order) => (
        <li key={order.orderId} className={`cart-order${order.orderId === highlightId ? ' is-new' : ''}`} data-order-id={order.orderId}>
          <div className="cart-order-head">
            <span className="cart-order-no">{order.orderNo ?? t('cart.created.pendingNo')}</span>
            <OrderStatusChip status={order.status} />
          </div>
          <div className="cart-order-body">
            <span className="cart-order-lines">
              {order.cart.lines.map((line) => `${line.name}${line.variantLabel ? `（${line.variantLabel}）` : ''} ×${line.quantity}`).join('、')}
            </span>
            <span className="cart-order-total">{formatNtd(order.totals.total)}</span>
          </div>
          <div className="cart-order-meta muted">
            <RelativeTime timestamp={order.createdAt} />
            <span>{t('cart.orders.items', { count: order.totals.itemCount })}</span>
            {order.sync === 'queued' && <Badge tone="neutral">{t('cart.orders.queued')}</Badge>}
            {order.sync === 'rejected' && <Badge tone="error">{t('cart.orders.rejected', { message: order.syncError ?? '' })}</Badge>}
          </div>
        </li>
      ))}
    </ul>
  );
}
