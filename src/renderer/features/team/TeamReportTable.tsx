import type { TeamReportRow } from '../../../shared/reports/team-report-schema';
import { useI18n } from '../../i18n';

/** One table of the team report: a first column (agent, day or channel) and the figures of each row. */
export function TeamReportTable<Row extends TeamReportRow>({
  caption,
  rows,
  firstColumn,
  firstCell,
}: {
  caption: string;
  rows: readonly Row[];
  firstColumn?: string;
  firstCell?: (row: Row) => string;
}) {
  const { t, language } = useI18n();
  const minutes = (ms: number | null) => (ms === null ? t('team.none') : t('team.minutes', { minutes: (ms / 60_000).toFixed(1) }));
  return (
    <table className="report-table team-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {firstColumn && <th>{firstColumn}</th>}
          <th>{t('team.col.agent')}</th>
          <th className="num">{t('team.col.handled')}</th>
          <th className="num">{t('team.col.firstResponses')}</th>
          <th className="num">{t('team.col.median')}</th>
          <th className="num">{t('team.col.free')}</th>
          <th className="num">{t('team.col.pushed')}</th>
          <th className="num">{t('team.col.heldExpired')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${firstCell?.(row) ?? ''}-${row.agent}-${index}`} data-agent={row.agent}>
            {firstCell && <td>{firstCell(row)}</td>}
            <td>{row.agent}</td>
            <td className="num">{row.conversationsHandled.toLocaleString(language)}</td>
            <td className="num">{row.firstResponses.toLocaleString(language)}</td>
            <td className="num">{minutes(row.medianFirstResponseMs)}</td>
            <td className="num">{row.freeReplies.toLocaleString(language)}</td>
            <td className="num">{row.pushedReplies.toLocaleString(language)}</td>
            <td className={`num${row.heldExpired > 0 ? ' is-alert' : ''}`}>{row.heldExpired.toLocaleString(language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
