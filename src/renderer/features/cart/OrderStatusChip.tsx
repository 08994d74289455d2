import type { OrderStatus } from '../../../shared/orders/cart-schema';
import { Badge, type BadgeTone } from '../../components/Badge';
import { useI18n } from '../../i18n';

const TONE: Record<OrderStatus, BadgeTone> = { awaiting_payment: 'waiting', paid: 'free', shipped: 'progress', cancelled: 'neutral' };
const ICON: Record<OrderStatus, string> = { awaiting_payment: '⏳', paid: '✓', shipped: '📦', cancelled: '✕' };

/** Status as a coloured chip WITH its word (never colour alone). */
export function OrderStatusChip({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={TONE[status]}>
      <span aria-hidden="true">{ICON[status]}</span>
      {t(`cart.orderStatus.${status}`)}
    </Badge>
  );
}
