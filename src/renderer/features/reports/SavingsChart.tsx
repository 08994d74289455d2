import type { SavingsReport } from '../../../shared/ipc';
import { dailySeries } from '../../../shared/billing/savings';
import { useI18n } from '../../i18n';

// Drawn at roughly the size it is shown, so the axis text stays small.
const WIDTH = 1280;
const HEIGHT = 230;
const PAD = { top: 12, right: 8, bottom: 26, left: 34 };

/** Stacked daily bars in plain SVG: free replies (green) under counted pushes (amber). */
export function SavingsChart({ report }: { report: SavingsReport }) {
  const { t } = useI18n();
  const series = dailySeries(report);
  const max = Math.max(1, ...series.map((day) => day.freeReplies + day.countedPushes));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, series.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.62));
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const labelEvery = Math.ceil(series.length / 8);
  return (
    <figure className="savings-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('report.chart')}>
        {[0, 0.5, 1].map((fraction) => (
          <g key={fraction}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * fraction)} y2={y(max * fraction)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(max * fraction) + 4} className="chart-axis" textAnchor="end">
              {Math.round(max * fraction)}
            </text>
          </g>
        ))}
        {series.map((day, index) => {
          const x = PAD.left + index * slot + (slot - barWidth) / 2;
          const freeTop = y(day.freeReplies);
          const pushTop = y(day.freeReplies + day.countedPushes);
          return (
            <g key={day.day}>
              <title>{`${day.day} · ${t('report.freeReplies')} ${day.freeReplies} · ${t('report.countedPushes')} ${day.countedPushes}`}</title>
              <rect x={x} y={freeTop} width={barWidth} height={y(0) - freeTop} className="chart-free" rx={2} />
              {day.countedPushes > 0 && <rect x={x} y={pushTop} width={barWidth} height={freeTop - pushTop} className="chart-push" rx={2} />}
              {index % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - 8} className="chart-axis" textAnchor="middle">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-free">{t('report.freeReplies')}</span>
        <span className="legend-push">{t('report.countedPushes')}</span>
      </figcaption>
    </figure>
  );
}
