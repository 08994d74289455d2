import type { ConversationSummary } from '../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { ChannelMark } from '../../components/ChannelMark';
import { TagEditor } from '../tags/TagEditor';
import { CartToggleButton } from '../cart/CartToggleButton';
import { ReplyWindowStatus } from './ReplyWindowStatus';
import { CustomerText } from '../../components/CustomerText';
import { MuteButton } from '../../desktop/MuteButton';
import { WorkflowControls } from '../workflow/WorkflowControls';
import { CustomerToggleButton } from '../workflow/CustomerDock';
import { useI18n } from '../../i18n';

export function ConversationHeader({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useI18n();
  return (
    <header className="conversation-header has-tags">
      <Avatar name={conversation.displayName} pictureUrl={conversation.pictureUrl} size={40} />
      <div className="conversation-header-text">
        <h2 className="conversation-title">
          <CustomerText text={conversation.displayName} />
          <ChannelMark channel={conversation.channel} />
        </h2>
        {/* Remounted when a new window opens so the countdown starts ticking again. */}
        <ReplyWindowStatus key={conversation.replyWindowOpenedAt ?? 'none'} window={conversation.replyWindow} />
      </div>
      <div className="conversation-header-actions">
        <WorkflowControls conversation={conversation} />
        <MuteButton conversationId={conversation.id} />
        <CustomerToggleButton label={t('customer.toggle')} />
        <CartToggleButton />
      </div>
      {/* Its own row under the name and the actions, so the tag field keeps its width however many actions there are. */}
      <div className="conversation-header-tags">
        <TagEditor key={conversation.friendId} friendId={conversation.friendId} />
      </div>
    </header>
  );
}
