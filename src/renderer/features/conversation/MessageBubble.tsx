import { memo } from 'react';
import { CHANNEL_EVENT_KIND, type MessageView } from '../../../shared/ipc/views';
import { useI18n } from '../../i18n';
import { matchRanges } from '../../lib/mark-matches';
import { formatMessageTime } from '../../lib/relative-time';
import { DeliveryBadge } from './DeliveryBadge';
import { MessagePurposeChip } from '../cart/MessagePurposeChip';
import { CustomerText } from '../../components/CustomerText';
import { ACTIVITY_KIND, NOTE_KIND } from '../../../shared/ipc/workflow-views';
import { ActivityLineView, NoteLine } from '../workflow/ThreadLines';
import { SystemLine } from './system-line/SystemLine';
import { hasContentView, MessageContentView } from './media/MessageContentView';
import { QuotedSnippet } from './media/QuotedSnippet';
import { QuoteButton } from './attachments/QuoteButton';
import { SenderName } from '../groups/SenderName';

export const MessageBubble = memo(function MessageBubble({
  message,
  firstOfRun,
  mark,
  group,
}: {
  message: MessageView;
  firstOfRun: boolean;
  /** Photos sent together with this one (a LINE imageSet), shown as one grid. */
  group?: readonly MessageView[] | undefined;
  /** The search text of a hit the agent just jumped to: the bubble is highlighted and the text marked. */
  mark?: string | undefined;
}) {
  const { language, t } = useI18n();
  // The team's own lines: never sent to the customer (features/workflow/ThreadLines.tsx).
  if (message.kind === NOTE_KIND) return <NoteLine message={message} />;
  if (message.kind === ACTIVITY_KIND) return <ActivityLineView message={message} />;
  // A platform event (button tap, follow, block, unsent message, reaction …): a quiet line in the thread.
  if (message.kind === CHANNEL_EVENT_KIND) return <SystemLine message={message} />;
  const outgoing = message.direction === 'out';
  const isText = message.kind === 'text';
  const highlighted = mark !== undefined;
  return (
    <div
      className={`message message-${message.direction}${firstOfRun ? ' is-first' : ''}${highlighted ? ' message-jump-hit' : ''}`}
      data-message-id={message.id}
    >
      <div className="message-stack">
        {outgoing && message.auto ? (
          <div className="message-author message-auto" title={t('message.autoReply.title')}>
            <span aria-hidden="true">⚡</span> {t('message.autoReply')}
          </div>
        ) : (
          outgoing && firstOfRun && message.author && (
            <div className="message-author">
              <CustomerText text={message.author} />
            </div>
          )
        )}
        <SenderName message={message} />
        <MessagePurposeChip purpose={message.purpose} />
        <QuotedSnippet message={message} />
        <div className="message-line">
          {message.withdrawn ? (
            <div className="bubble bubble-withdrawn">{t('media.withdrawn')}</div>
          ) : hasContentView(message) ? (
            <div className={`message-content message-content-${message.kind}`}>
              <MessageContentView message={message} group={group} />
            </div>
          ) : (
            <div className={`bubble${isText ? '' : ' bubble-kind'}`}>
              <CustomerText text={isText || message.text ? message.text : `[${message.kind}]`} highlights={isText && highlighted ? matchRanges(message.text, mark) : undefined} />
            </div>
          )}
          <time className="message-time" dateTime={new Date(message.createdAt).toISOString()}>
            {formatMessageTime(message.createdAt, language)}
          </time>
          <QuoteButton message={message} />
        </div>
        {outgoing && message.delivery && (
          <div className="message-delivery">
            <DeliveryBadge delivery={message.delivery} reason={message.deliveryReason} />
          </div>
        )}
      </div>
    </div>
  );
});

