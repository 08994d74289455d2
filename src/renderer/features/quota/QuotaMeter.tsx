import { useI18n } from '../../i18n';
import { useQuota } from '../../hooks/useQuota';
import { projectToMonthEnd, quotaLevel } from '../../lib/quota';
import { formatRelativeTime } from '../../lib/relative-time';

/** Top-bar meter of this month's counted pushes: used / limit, the month-end projection, red when blocked. */
export function QuotaMeter() {
  const { t, language } = useI18n();
  const quota = useQuota();
  if (!quota) {
    return (
      <span className="quota-meter is-unknown" title={t('quota.unknown')}>
        <span className="quota-label">{t('quota.label')}</span>
        <span className="quota-value">—</span>
      </span>
    );
  }
  const projected = projectToMonthEnd(quota.used, new Date());
  const level = quotaLevel(quota, projected);
  const share = quota.limit ? Math.min(100, (quota.used / quota.limit) * 100) : 0;
  const details = [
    level === 'blocked' ? t('quota.blocked') : null,
    projected !== null ? t('quota.projection', { projected }) : null,
    t('quota.title', { plan: quota.plan.name, included: quota.plan.includedMessages, time: formatRelativeTime(quota.polledAt, Date.now(), t, language) }),
  ].filter((line): line is string => line !== null);
  return (
    <span className={`quota-meter is-${level}`} title={details.join('\n')} role="status" data-quota-meter>
      <span className="quota-label">{t('quota.label')}</span>
      <span className="quota-value">
        {quota.limit === null ? t('quota.unlimited', { used: quota.used }) : t('quota.value', { used: quota.used, limit: quota.limit })}
      </span>
      {quota.limit !== null && (
        <span className="quota-bar" aria-hidden="true">
          <span style={{ width: `${share}%` }} />
        </span>
      )}
      {level === 'blocked' ? (
        <span className="quota-note">{t('quota.blocked')}</span>
      ) : (
        projected !== null && quota.limit !== null && <span className="quota-note">{t('quota.projection.short', { projected })}</span>
      )}
    </span>
  );
}
