import type { MessageView } from '../../../../shared/ipc/views';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n, type Translate } from '../../../i18n';
import { formatMessageTime } from '../../../lib/relative-time';

/** The line's words in the agent's language from the event and its details; the relay's summary otherwise. */
export function systemLineText(message: MessageView, t: Translate): { text: string; customerPart: string | null } {
  const name = message.senderName ?? t('system.customer');
  const details = message.eventDetails;
  switch (message.author) {
    case 'follow':
      return { text: t(details?.unblocked ? 'system.follow.unblocked' : 'system.follow', { name }), customerPart: null };
    case 'unfollow':
      return { text: t('system.unfollow', { name }), customerPart: null };
    case 'postback': {
      if (!details?.postback) break;
      const params = Object.entries(details.postback.params ?? {}).map(([key, value]) => `${key}: ${value}`).join('、');
      return {
        text: t('system.postback', { name, data: '' }),
        customerPart: details.postback.data + (params ? t('system.postback.params', { params }) : ''),
      };
    }
    case 'unsend':
      return { text: t('system.unsend', { name }), customerPart: null };
    case 'join':
      return { text: t('system.join'), customerPart: null };
    case 'leave':
      return { text: t('system.leave'), customerPart: null };
    case 'memberJoined':
      return { text: t('system.memberJoined', { count: details?.memberIds?.length ?? 1 }), customerPart: null };
    case 'memberLeft':
      return { text: t('system.memberLeft', { count: details?.memberIds?.length ?? 1 }), customerPart: null };
  }
  return { text: '', customerPart: message.text };
}

/** A platform event (tap, follow, block, unsent message, group change, reaction …): a quiet line, not a bubble. */
export function SystemLine({ message }: { message: MessageView }) {
  const { language, t } = useI18n();
  const { text, customerPart } = systemLineText(message, t);
  const important = message.author === 'unfollow' || message.author === 'postback' || message.author === 'follow';
  return (
    <div className={`message message-event${important ? ' message-event-important' : ''}`} data-message-id={message.id} data-event-type={message.author ?? ''} role="note">
      <span className="message-event-text">
        {text}
        {customerPart !== null && <CustomerText text={customerPart} />}
      </span>
      <time className="message-time" dateTime={new Date(message.createdAt).toISOString()}>
        {formatMessageTime(message.createdAt, language)}
      </time>
    </div>
  );
}
