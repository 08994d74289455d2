import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import { useQuoteAction } from './quote-context';

/** "Reply to this": on a customer's message, picks it as the one the next reply quotes. */
export function QuoteButton({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const quote = useQuoteAction();
  if (!quote || message.direction !== 'in' || message.withdrawn) return null;
  return (
    <button type="button" className="quote-button" onClick={() => quote(message)} aria-label={t('attach.quote.button')} title={t('attach.quote.button')}>
      ↩
    </button>
  );
}
