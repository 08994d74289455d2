import type { MessageView } from '../../../../shared/ipc/views';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';

/** Above the composer while a reply quotes a customer's message; ✕ (or Esc in the composer's row) drops it. */
export function QuoteBar({ message, onCancel }: { message: MessageView; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="quote-bar" role="status" data-quote-bar>
      <span className="quote-bar-label">{t('attach.quote.replyingTo')}</span>
      <span className="quote-bar-text">
        <CustomerText text={message.text} />
      </span>
      <button type="button" className="quote-bar-cancel" onClick={onCancel} aria-label={t('attach.quote.cancel')}>
        ✕
      </button>
    </div>
  );
}
