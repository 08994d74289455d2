import type { MessageView } from '../../../shared/ipc';
import { useI18n } from '../../i18n';

/** The small header on order messages in the thread: 🧾 訂單摘要 / ⏰ 付款提醒 (replies get none). */
export function MessagePurposeChip({ purpose }: { purpose: MessageView['purpose'] }) {
  const { t } = useI18n();
  if (purpose === 'order_summary') {
    return (
      <span className="message-purpose purpose-summary">
        <span aria-hidden="true">🧾</span> {t('message.purpose.order_summary')}
      </span>
    );
  }
  if (purpose === 'payment_reminder') {
    return (
      <span className="message-purpose purpose-reminder">
        <span aria-hidden="true">⏰</span> {t('message.purpose.payment_reminder')}
      </span>
    );
  }
  return null;
}
