import type { MessageView } from '../../../shared/ipc/views';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { CustomerText } from '../../components/CustomerText';
import { useI18n } from '../../i18n';
import { memberName } from './member-name';
import { useOpenMemberTags } from './group-context';

/**
 * Who wrote a line in a LINE group or room: their name (or a stand-in until it is known), and a button that opens
 * that member's tags — in a group the customer is the member, not the group.
 */
export function SenderName({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const openTags = useOpenMemberTags();
  const memberId = message.content?.senderId;
  if (!memberId || message.direction !== 'in') return null;
  const name = memberName({ memberId, displayName: message.senderName }, t);
  if (!openTags) {
    return (
      <div className="message-author message-sender">
        <CustomerText text={name} />
      </div>
    );
  }
  return (
    <button
      type="button"
      className="message-author message-sender is-button"
      title={t('groups.member.tagTitle', { name: showUnsafeCharacters(name) })}
      onClick={() => openTags({ memberId, displayName: message.senderName, pictureUrl: null })}
    >
      <CustomerText text={name} />
    </button>
  );
}
