import type { ChatType } from '../../../shared/channels/chat-type';
import { useI18n } from '../../i18n';
import { useGroup } from './group-context';

/** Beside a group's name in the header: that it is a group (or room) and how many members the app knows. */
export function GroupSubtitle({ chatType }: { chatType: ChatType | undefined }) {
  const { t } = useI18n();
  const members = useGroup()?.members;
  return (
    <span className="group-subtitle" data-chat-type={chatType}>
      {t(chatType === 'room' ? 'groups.kind.room' : 'groups.kind.group')}
      {members && members.length > 0 && <> · {t('groups.members.count', { count: members.length })}</>}
    </span>
  );
}
