import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { Avatar } from '../../components/Avatar';
import { CustomerText } from '../../components/CustomerText';
import { useI18n } from '../../i18n';
import { TagChip } from '../tags/TagChip';
import { memberName } from './member-name';
import { useGroup, useOpenMemberTags } from './group-context';

/** The customer panel of a group or room: its members (the customers here), each with their tags and a way to tag them. */
export function GroupMembersSection() {
  const { t } = useI18n();
  const group = useGroup();
  const openTags = useOpenMemberTags();
  const members = group?.members ?? null;
  return (
    <section className="customer-section group-members">
      <h3>
        {t('groups.members.title')}
        {members && <span className="muted"> · {t('groups.members.count', { count: members.length })}</span>}
      </h3>
      {members === null ? (
        <p className="customer-loading" aria-busy="true">
          {t('groups.members.loading')}
        </p>
      ) : members.length === 0 ? (
        <p className="muted">{t('groups.members.none')}</p>
      ) : (
        <ul className="group-member-list">
          {members.map((member) => {
            const name = memberName(member, t);
            return (
              <li key={member.memberId} data-member-id={member.memberId}>
                <button
                  type="button"
                  className="group-member"
                  title={t('groups.member.tagTitle', { name: showUnsafeCharacters(name) })}
                  onClick={() => openTags?.(member)}
                >
                  <Avatar name={name} pictureUrl={member.pictureUrl} size={28} />
                  <span className="group-member-text">
                    <CustomerText className="group-member-name" text={name} />
                    <span className="group-member-tags">
                      {member.tags.length === 0 ? (
                        <span className="muted">{t('groups.member.tags')} +</span>
                      ) : (
                        member.tags.map((tag) => <TagChip key={tag} name={tag} small />)
                      )}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
