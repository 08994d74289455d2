import { useCallback, useEffect, useState } from 'react';
import type { SavingsReport } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { formatNtd } from '../../lib/quota';
import { SavingsChart } from './SavingsChart';
import { ChannelBreakdown } from './ChannelBreakdown';

const RANGES = [7, 30, 90] as const;

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Free replies vs counted pushes per day and agent, what that saved, and a CSV export. Reads the local store. */
export function ReportsView() {
  const { t, language } = useI18n();
  const call = useCall();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [report, setReport] = useState<SavingsReport | null>(null);
  const input = useCallback(() => ({ days, timezoneOffsetMinutes: new Date().getTimezoneOffset(), language }), [days, language]);

  const refresh = useCallback(async () => {
    const fresh = await call('report:savings', input());
    if (fresh) setReport(fresh);
  }, [call, input]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['inbox', 'quota'], () => void refresh());

  async function exportCsv() {
    const result = await call('report:savingsCsv', input());
    if (result) download(result.filename, result.csv);
  }

  return (
    <section className="reports-view" aria-label={t('report.title')}>
      <header className="reports-header">
        <div>
          <h1 className="reports-title">{t('report.title')}</h1>
          {report && <p className="reports-range">{t('report.range', { from: report.from, to: report.to })}</p>}
        </div>
        <div className="reports-actions">
          <div className="segmented" role="group">
            {RANGES.map((range) => (
              <button key={range} type="button" className={`segment${range === days ? ' is-active' : ''}`} aria-pressed={range === days} onClick={() => setDays(range)}>
                {t('report.days', { days: range })}
              </button>
            ))}
          </div>
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={!report || report.rows.length === 0}>
            {t('report.export')}
          </button>
        </div>
      </header>
      {!report ? (
        <p className="reports-loading">{t('errors.loading')}</p>
      ) : (
        <>
          <div className="report-cards">
            <div className="report-card is-free">
              <span className="report-card-label">{t('report.freeReplies')}</span>
              <span className="report-card-value">{report.totals.freeReplies.toLocaleString(language)}</span>
            </div>
            <div className="report-card is-push">
              <span className="report-card-label">{t('report.countedPushes')}</span>
              <span className="report-card-value">{report.totals.countedPushes.toLocaleString(language)}</span>
            </div>
            <div className="report-card is-saved">
              <span className="report-card-label">{t('report.saved')}</span>
              <span className="report-card-value">{t('report.ntd', { amount: formatNtd(report.totals.savedNtd) })}</span>
            </div>
            <div className="report-card">
              <span className="report-card-label">{t('report.pushCost')}</span>
              <span className="report-card-value">{t('report.ntd', { amount: formatNtd(report.totals.pushCostNtd) })}</span>
            </div>
          </div>
          <ChannelBreakdown report={report} />
          <p className="reports-assumption">
            {t('report.assumption', { price: formatNtd(report.pricePerPushNtd), plan: report.planName ?? t('report.assumption.noPlan') })}
          </p>
          {report.rows.length === 0 ? (
            <p className="reports-empty">{t('report.empty')}</p>
          ) : (
            <>
              <SavingsChart report={report} />
              <table className="report-table">
                <thead>
                  <tr>
                    <th>{t('report.col.day')}</th>
                    <th>{t('report.col.agent')}</th>
                    <th className="num">{t('report.freeReplies')}</th>
                    <th className="num">{t('report.countedPushes')}</th>
                    <th className="num">{t('report.saved')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...report.rows].reverse().map((row) => (
                    <tr key={`${row.day}-${row.agent}`}>
                      <td>{row.day}</td>
                      <td>{row.agent}</td>
                      <td className="num">{row.freeReplies}</td>
                      <td className="num">{row.countedPushes}</td>
                      <td className="num">{t('report.ntd', { amount: formatNtd(row.savedNtd) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
