import type { MessageView } from '../../../../shared/ipc/views';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';

/** The message a customer's message quotes, shown small above it. */
export function QuotedSnippet({ message }: { message: MessageView }) {
  const { t } = useI18n();
  if (!message.content?.quotedMessageId) return null;
  const quoted = message.quoted;
  const text = !quoted ? t('media.quote.missing') : quoted.withdrawn ? t('media.quote.withdrawn') : quoted.text;
  return (
    <div className="quoted-snippet" data-quoted-id={quoted?.id ?? ''}>
      <span className="quoted-snippet-label">{t('media.quote')}</span> <CustomerText text={text} />
    </div>
  );
}
