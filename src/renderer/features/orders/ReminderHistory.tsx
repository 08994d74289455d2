import type { OrderView } from '../../../shared/ipc';
import { Badge } from '../../components/Badge';
import { useI18n } from '../../i18n';
import { describeReason } from '../../lib/delivery';
import { reminderState } from './order-presentation';

/** Each payment reminder: when it is (or was) due and what became of it. */
export function ReminderHistory({ order }: { order: OrderView }) {
  const { t, language } = useI18n();
  if (order.reminders.length === 0) return <p className="muted">{t('orders.detail.reminders.none')}</p>;
  return (
    <ol className="reminder-list">
      {order.reminders.map((reminder) => {
        const state = reminderState(reminder, order.status);
        const reason = reminder.deliveryReason ? describeReason(reminder.deliveryReason, t) : undefined;
        return (
          <li key={reminder.index} className="reminder-row" data-reminder={reminder.index}>
            <span className="reminder-due">
              {t('orders.detail.reminderDue', {
                number: reminder.index + 1,
                time: new Date(reminder.dueAt).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' }),
              })}
            </span>
            <Badge tone={state.tone} title={reason}>
              {t(state.labelKey)}
            </Badge>
          </li>
        );
      })}
    </ol>
  );
}
