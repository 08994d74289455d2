import { useState } from 'react';
import type { LeadTag } from '../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { RelativeTime } from '../../components/RelativeTime';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { tagColour } from '../../lib/tag-colour';
import { TagChip } from '../tags/TagChip';
import { AuditTrail } from './AuditTrail';
import { SegmentExport } from './SegmentExport';
import { Sparkline } from './Sparkline';
import { TagActionDialog, type TagAction } from './TagActionDialog';
import { useLeadData } from './useLeadData';
import { CustomerText } from '../../components/CustomerText';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { ChannelMark } from '../../components/ChannelMark';
import { TagChannelCounts } from './TagChannelCounts';

/**
 * The team lead's tag workspace: every tag with members and trend, one tag's members and history,
 * rename / merge / delete (applied by the relay to the whole shop) and CSV segments.
 */
export function LeadWorkspace({ onOpenConversation }: { onOpenConversation(conversationId: string): void }) {
  const { t } = useI18n();
  const call = useCall();
  const [selected, setSelected] = useState<string | null>(null);
  const { tags, members, audit, forbidden } = useLeadData(selected);
  const [action, setAction] = useState<TagAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (forbidden) {
    return (
      <section className="lead-workspace lead-forbidden" role="alert">
        {t('lead.forbidden')}
      </section>
    );
  }
  const selectedTag = tags?.find((tag) => tag.name === selected) ?? null;

  async function submit(value: string) {
    if (!action) return;
    setBusy(true);
    setActionError(null);
    const tag = action.tag.name;
    const result =
      action.kind === 'rename'
        ? await call('lead:rename', { from: tag, to: value })
        : action.kind === 'merge'
          ? await call('lead:merge', { source: tag, target: value })
          : await call('lead:delete', { tag });
    setBusy(false);
    if (!result) return;
    if (!result.ok) {
      setActionError(result.code === 'OFFLINE' ? t('lead.offline') : result.message);
      return;
    }
    setAction(null);
    setSelected(action.kind === 'delete' ? null : action.kind === 'rename' ? value.trim() : value);
  }

  return (
    <section className="lead-workspace" aria-label={t('nav.lead')}>
      <aside className="lead-tags lead-card">
        <header className="lead-card-header">
          <h3>{t('lead.tags.title')}</h3>
          <span className="muted">{tags ? t('lead.tags.count', { count: tags.length }) : ''}</span>
        </header>
        {tags === null ? (
          <div className="lead-empty">{t('errors.loading')}</div>
        ) : tags.length === 0 ? (
          <div className="lead-empty">{t('lead.tags.empty')}</div>
        ) : (
          <ul className="lead-tag-list" role="listbox" aria-label={t('lead.tags.title')}>
            {tags.map((tag: LeadTag) => (
              <li key={tag.key} role="option" aria-selected={tag.name === selected}>
                <button type="button" className={`lead-tag-row${tag.name === selected ? ' is-selected' : ''}`} onClick={() => setSelected(tag.name)}>
                  <TagChip name={tag.name} />
                  <Sparkline values={tag.trend} colour={tagColour(tag.name).dot} label={t('lead.trend', { tag: showUnsafeCharacters(tag.name) })} />
                  <span className="lead-tag-count">{t('lead.members', { count: tag.count })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>

      <div className="lead-main">
        <section className="lead-card lead-detail">
          <header className="lead-card-header">
            {selectedTag ? (
              <>
                <h3>
                  <TagChip name={selectedTag.name} count={selectedTag.count} />
                </h3>
                <div className="lead-actions">
                  <button type="button" className="button" onClick={() => setAction({ kind: 'rename', tag: selectedTag })}>
                    {t('lead.rename.button')}
                  </button>
                  <button type="button" className="button" disabled={(tags?.length ?? 0) < 2} onClick={() => setAction({ kind: 'merge', tag: selectedTag })}>
                    {t('lead.merge.button')}
                  </button>
                  <button type="button" className="button button-danger-quiet" onClick={() => setAction({ kind: 'delete', tag: selectedTag })}>
                    {t('lead.delete.button')}
                  </button>
                </div>
              </>
            ) : (
              <h3>{t('lead.pickTag')}</h3>
            )}
          </header>
          {selectedTag && <TagChannelCounts counts={selectedTag.channels} />}
          {selectedTag && (
            <ul className="member-list" aria-label={t('lead.membersOf', { tag: showUnsafeCharacters(selectedTag.name) })}>
              {members?.length === 0 && <li className="lead-empty">{t('lead.noMembers')}</li>}
              {members?.map((member) => (
                <li key={member.friendId}>
                  <button type="button" className="member-row" onClick={() => onOpenConversation(member.conversationId)}>
                    <Avatar name={member.displayName} pictureUrl={member.pictureUrl} size={32} />
                    <CustomerText className="member-name" text={member.displayName} />
                    <ChannelMark channel={member.channel} />
                    <span className="member-preview">
                      {member.lastMessageDirection === 'out' && <span className="preview-you">{t('inbox.you')}</span>}
                      {member.groupName !== null ? (
                        <CustomerText text={t('groups.lead.inGroup', { group: member.groupName })} />
                      ) : member.lastMessagePreview ? (
                        <CustomerText text={member.lastMessagePreview} />
                      ) : (
                        t('lead.noMessages')
                      )}
                    </span>
                    <span className="member-time">{member.lastMessageAt !== null && <RelativeTime timestamp={member.lastMessageAt} />}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        {tags && tags.length > 0 && <SegmentExport tags={tags} />}

        <section className="lead-card lead-audit">
          <header className="lead-card-header">
            <h3>{selectedTag ? <CustomerText text={t('lead.audit.titleFor', { tag: selectedTag.name })} /> : t('lead.audit.title')}</h3>
          </header>
          <AuditTrail entries={audit} />
        </section>
      </div>

      {action && tags && (
        <TagActionDialog
          action={action}
          tags={tags}
          busy={busy}
          error={actionError}
          onSubmit={(value) => void submit(value)}
          onCancel={() => {
            setAction(null);
            setActionError(null);
          }}
        />
      )}
    </section>
  );
}
