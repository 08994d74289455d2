import type { TagAuditEntry } from '../../../shared/ipc';
import { useI18n, type MessageKey } from '../../i18n';
import { TagChip } from '../tags/TagChip';
import { CustomerText } from '../../components/CustomerText';

const ACTION_KEYS: Record<TagAuditEntry['action'], MessageKey> = {
  added: 'lead.audit.added',
  removed: 'lead.audit.removed',
  renamed: 'lead.audit.renamed',
  merged: 'lead.audit.merged',
  deleted: 'lead.audit.deleted',
};

/** Changes made offline were accepted later than they were made: show both times when they differ. */
const OFFLINE_GAP_MS = 60_000;

export function AuditTrail({ entries }: { entries: readonly TagAuditEntry[] | null }) {
  const { t, language } = useI18n();
  const format = (at: number) => new Date(at).toLocaleString(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (entries === null) return <div className="lead-empty">{t('errors.loading')}</div>;
  if (entries.length === 0) return <div className="lead-empty">{t('lead.audit.empty')}</div>;
  return (
    <ol className="audit-list">
      {entries.map((entry) => (
        <li key={entry.seq} className="audit-row">
          <time className="audit-time" dateTime={new Date(entry.clientTime).toISOString()}>
            {format(entry.clientTime)}
          </time>
          <span className="audit-text">
            <strong>
              <CustomerText text={entry.agentName} />
            </strong> {t(ACTION_KEYS[entry.action])} <TagChip name={entry.tag} small />
            {entry.detail && (
              <>
                {' → '}
                <TagChip name={entry.detail} small />
              </>
            )}
            {entry.friendName && <CustomerText className="audit-friend" text={t('lead.audit.for', { name: entry.friendName })} />}
            {entry.affected !== null && <span className="audit-friend">{t('lead.audit.affected', { count: entry.affected })}</span>}
          </span>
          {entry.recordedAt - entry.clientTime > OFFLINE_GAP_MS && (
            <span className="audit-offline" title={t('lead.audit.syncedAt', { time: format(entry.recordedAt) })}>
              {t('lead.audit.offline', { time: format(entry.recordedAt) })}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
