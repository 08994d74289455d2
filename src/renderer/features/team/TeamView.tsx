import { useCallback, useEffect, useState } from 'react';
import type { TeamReport } from '../../../shared/reports/team-report-schema';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { download } from '../lead/SegmentExport';
import { TeamReportTable } from './TeamReportTable';
import { TeamSettingsSection } from './TeamSettingsSection';
import { TokensSection } from './TokensSection';

const RANGES = [1, 7, 30] as const;

/**
 * 團隊 (leads only; the relay refuses the report and tokens to agents): per agent the conversations handled,
 * median first-response time, free vs pushed replies and held replies that expired unanswered — per day and per
 * channel too, with a CSV — then the team's tokens and the inbox settings.
 */
export function TeamView() {
  const { t, language } = useI18n();
  const call = useCall();
  const [days, setDays] = useState<(typeof RANGES)[number]>(7);
  const [report, setReport] = useState<TeamReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useCallback(() => ({ days, timezoneOffsetMinutes: new Date().getTimezoneOffset() }), [days]);

  const refresh = useCallback(async () => {
    const answer = await call('team:report', input());
    if (!answer) return;
    if (answer.ok) {
      setReport(answer.report);
      setError(null);
    } else setError(answer.message);
  }, [call, input]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function exportCsv() {
    const answer = await call('team:reportCsv', { ...input(), language });
    if (answer?.ok) download(answer.filename, answer.csv);
    else if (answer) setError(answer.message);
  }

  return (
    <section className="reports-view team-view" aria-label={t('team.title')}>
      <header className="reports-header">
        <div>
          <h1 className="reports-title">{t('team.title')}</h1>
          {report && <p className="reports-range">{t('team.range', { from: report.from, to: report.to })}</p>}
        </div>
        <div className="reports-actions">
          <div className="segmented" role="group">
            {RANGES.map((range) => (
              <button key={range} type="button" className={`segment${range === days ? ' is-active' : ''}`} aria-pressed={range === days} onClick={() => setDays(range)}>
                {t('team.days', { days: range })}
              </button>
            ))}
          </div>
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={!report}>
            {t('team.export')}
          </button>
        </div>
      </header>
      {error && <p className="reports-empty" role="alert">{t('team.failed', { message: error })}</p>}
      {!report && !error && <p className="reports-loading">{t('errors.loading')}</p>}
      {report &&
        (report.agents.length === 0 ? (
          <p className="reports-empty">{t('team.empty')}</p>
        ) : (
          <>
            <TeamReportTable caption={t('team.byAgent')} rows={report.agents} />
            <p className="reports-assumption">{t('team.heldNote', { minutes: report.heldReplyAlertMinutes })}</p>
            <TeamReportTable
              caption={t('team.byDay')}
              rows={[...report.days].sort((a, b) => b.day.localeCompare(a.day) || a.agent.localeCompare(b.agent, 'zh-Hant'))}
              firstColumn={t('team.col.day')}
              firstCell={(row) => row.day}
            />
            <TeamReportTable caption={t('team.byChannel')} rows={report.channels} firstColumn={t('team.col.channel')} firstCell={(row) => t(`channel.${row.channel}`)} />
          </>
        ))}
      <div className="team-admin">
        <TokensSection />
        <TeamSettingsSection />
      </div>
    </section>
  );
}
