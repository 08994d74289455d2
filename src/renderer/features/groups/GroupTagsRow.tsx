import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { useShortcut } from '../../shortcuts/ShortcutProvider';
import { TagChip } from '../tags/TagChip';
import { useFriendTags } from '../tags/useFriendTags';
import { useGroup, useOpenMemberTags } from './group-context';

/**
 * The header row of a LINE group or room where a one-to-one chat has its tag field: tags go on members, so it says
 * how to tag one (a name on a line; T opens the member who wrote last). Tags an older app put on the group itself
 * are listed to be removed.
 */
export function GroupTagsRow({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const call = useCall();
  const group = useGroup();
  const openTags = useOpenMemberTags();
  const members = group?.members ?? null;
  const { state } = useFriendTags(groupId);
  const latest = members?.[0];
  useShortcut(
    'tags.add',
    () => {
      if (latest) openTags?.(latest);
    },
    latest !== undefined,
  );
  const legacy = state?.tags ?? [];
  return (
    <div className="group-tags-row" data-testid="group-tags-row">
      <p className="group-tags-hint muted">{t('groups.members.hint')}</p>
      {legacy.length > 0 && (
        <p className="group-legacy-tags">
          <span>{t('groups.legacyTags')}</span>
          {legacy.map((tag) => (
            <TagChip
              key={tag.key}
              name={tag.name}
              small
              onRemove={() => void call('tags:remove', { friendId: groupId, tag: tag.name })}
              removeLabel={t('tags.remove', { tag: showUnsafeCharacters(tag.name) })}
            />
          ))}
        </p>
      )}
    </div>
  );
}
