import type { SavingsReport } from '../../../shared/ipc';
import { ChannelMark } from '../../components/ChannelMark';
import { useI18n } from '../../i18n';
import { formatNtd } from '../../lib/quota';

/**
 * Each channel's sent replies in the report's range. LINE's free replies carry the savings figure as before;
 * the other channels' replies are free by nature, so only their counts are shown.
 */
export function ChannelBreakdown({ report }: { report: SavingsReport }) {
  const { t } = useI18n();
  if (report.channels.length === 0) return null;
  return (
    <section className="report-channels" aria-label={t('report.channels.title')}>
      <h2 className="report-channels-title">{t('report.channels.title')}</h2>
      <ul className="report-channel-list">
        {report.channels.map((count) => (
          <li key={count.channel} className="report-channel" data-report-channel={count.channel}>
            <ChannelMark channel={count.channel} />
            <span className="report-channel-free">{t('report.channels.free', { count: count.freeReplies })}</span>
            {count.channel === 'line' ? (
              <>
                <span className="report-channel-push">{t('report.channels.pushes', { count: count.countedPushes })}</span>
                <span className="report-channel-saved">
                  {t('report.saved')} {t('report.ntd', { amount: formatNtd(report.totals.savedNtd) })}
                </span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="reports-assumption">{t('report.channels.note')}</p>
    </section>
  );
}
