import type { MessageDelivery } from '../../../shared/ipc';
import { Badge } from '../../components/Badge';
import { DeliveryIcon } from '../../components/DeliveryIcon';
import { useI18n } from '../../i18n';
import { describeDelivery } from '../../lib/delivery';

export function DeliveryBadge({ delivery, reason }: { delivery: MessageDelivery; reason: string | null }) {
  const { t } = useI18n();
  const { label, title, tone } = describeDelivery(delivery, reason, t);
  return (
    <Badge tone={tone} title={title}>
      <DeliveryIcon delivery={delivery} />
      {label}
    </Badge>
  );
}
