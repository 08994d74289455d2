import { memo } from 'react';
import { replyWindowRemainingMs } from '../../../shared/delivery/reply-window';
import type { ConversationSummary } from '../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { UnreadBadge } from '../../components/Badge';
import { ChannelMark } from '../../components/ChannelMark';
import { Countdown } from '../../components/Countdown';
import { RelativeTime } from '../../components/RelativeTime';
import { useI18n } from '../../i18n';
import { TagChip } from '../tags/TagChip';
import { CustomerText } from '../../components/CustomerText';
import { WorkflowChips } from '../workflow/WorkflowChips';
import { useWorkflowContext } from '../workflow/workflow-context';

/** Three lines: name, last message, and the team's chips (waiting time, assignee, held replies). */
export const CONVERSATION_ROW_HEIGHT = 90;

function FreeReplyChip({ openedAt }: { openedAt: number }) {
  const { t } = useI18n();
  return (
    <Countdown openedAt={openedAt}>
      {(time, tone) => (tone === 'closed' ? null : <span className={`free-chip free-chip-${tone}`}>{t('inbox.freeChip', { time })}</span>)}
    </Countdown>
  );
}

export const ConversationRow = memo(function ConversationRow({
  conversation,
  selected,
  onSelect,
}: {
  conversation: ConversationSummary;
  selected: boolean;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  const team = useWorkflowContext();
  const unread = conversation.unreadCount > 0;
  const windowOpen = replyWindowRemainingMs(conversation.replyWindowOpenedAt, Date.now()) > 0;
  return (
    <button
      type="button"
      className={`conversation-row${selected ? ' is-selected' : ''}${unread ? ' is-unread' : ''}`}
      onClick={() => onSelect(conversation.id)}
      aria-current={selected ? 'true' : undefined}
      data-conversation-id={conversation.id}
    >
      <Avatar name={conversation.displayName} pictureUrl={conversation.pictureUrl} size={44} />
      <span className="conversation-body">
        <span className="conversation-line">
          <CustomerText className="conversation-name" text={conversation.displayName} />
          <ChannelMark channel={conversation.channel} />
          {conversation.tags && conversation.tags.length > 0 && (
            <span className="conversation-tags">
              <TagChip name={conversation.tags[0]!} small />
              {conversation.tags.length > 1 && <span className="conversation-tags-more">+{conversation.tags.length - 1}</span>}
            </span>
          )}
          <span className="conversation-time">
            {conversation.lastMessageAt !== null && <RelativeTime timestamp={conversation.lastMessageAt} />}
          </span>
        </span>
        <span className="conversation-line">
          <span className="conversation-preview">
            {conversation.lastMessageDirection === 'out' && <span className="preview-you">{t('inbox.you')}</span>}
            <CustomerText text={conversation.lastMessagePreview} />
          </span>
          {windowOpen && conversation.replyWindowOpenedAt !== null && <FreeReplyChip openedAt={conversation.replyWindowOpenedAt} />}
          <UnreadBadge count={conversation.unreadCount} label={t('inbox.unread', { count: conversation.unreadCount })} />
        </span>
        {conversation.workflow && (
          <span className="conversation-line">
            <WorkflowChips
              workflow={conversation.workflow}
              me={team.me}
              heldAlertMinutes={team.settings.heldReplyAlertMinutes}
              blocked={conversation.blocked}
            />
          </span>
        )}
      </span>
    </button>
  );
});
