import type { ConversationSummary } from '../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { ChannelMark } from '../../components/ChannelMark';
import { TagEditor } from '../tags/TagEditor';
import { CartToggleButton } from '../cart/CartToggleButton';
import { BlockedWindowStatus, ReplyWindowStatus } from './ReplyWindowStatus';
import { CustomerText } from '../../components/CustomerText';
import { MuteButton } from '../../desktop/MuteButton';
import { WorkflowControls } from '../workflow/WorkflowControls';
import { CustomerToggleButton } from '../workflow/CustomerDock';
import { useI18n } from '../../i18n';
import { GroupTagsRow } from '../groups/GroupTagsRow';
import { GroupSubtitle } from '../groups/GroupSubtitle';
import { isGroupChat } from '../groups/group-context';

export function ConversationHeader({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useI18n();
  // A LINE group or room: the header shows the group; tags go on its members (features/groups).
  const group = isGroupChat(conversation);
  return (
    <header className="conversation-header has-tags">
      <Avatar name={conversation.displayName} pictureUrl={conversation.pictureUrl} size={40} />
      <div className="conversation-header-text">
        <h2 className="conversation-title">
          <CustomerText text={conversation.displayName} />
          <ChannelMark channel={conversation.channel} />
        </h2>
        {group && <GroupSubtitle chatType={conversation.chatType} />}
        {/* Remounted when a new window opens so the countdown starts ticking again. */}
        {conversation.blocked ? (
          <BlockedWindowStatus />
        ) : (
          <ReplyWindowStatus key={conversation.replyWindowOpenedAt ?? 'none'} window={conversation.replyWindow} />
        )}
      </div>
      <div className="conversation-header-actions">
        <WorkflowControls conversation={conversation} />
        <MuteButton conversationId={conversation.id} />
        <CustomerToggleButton label={t('customer.toggle')} />
        <CartToggleButton />
      </div>
      {/* Its own row under the name and the actions, so the tag field keeps its width however many actions there are. */}
      <div className="conversation-header-tags">
        {group ? <GroupTagsRow groupId={conversation.friendId} /> : <TagEditor key={conversation.friendId} friendId={conversation.friendId} />}
      </div>
    </header>
  );
}
