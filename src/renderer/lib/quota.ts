import { pricePerPushNtd, TAIWAN_2023_PLANS } from '../../shared/billing/plans';
import type { QuotaView } from '../../shared/ipc';

/**
 * Pushes at the end of the month if the month continues at its pace so far (used ÷ elapsed × month length),
 * in the agent's local calendar. Null when there is nothing to project from.
 */
export function projectToMonthEnd(used: number, now: Date): number | null {
  const start = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const end = new Date(now.getFullYear(), now.getMonth() + 1, 1).getTime();
  const elapsed = now.getTime() - start;
  if (elapsed <= 0) return null;
  return Math.round((used / elapsed) * (end - start));
}

export type QuotaLevel = 'ok' | 'warning' | 'blocked';

/** Red once pushes are stopped, amber when the month's pace would use the allowance up. */
export function quotaLevel(quota: QuotaView, projected: number | null): QuotaLevel {
  if (quota.blocked || (quota.limit !== null && quota.used >= quota.limit)) return 'blocked';
  if (quota.limit !== null && projected !== null && projected > quota.limit) return 'warning';
  return 'ok';
}

/** What the composer and confirm dialogs quote for one counted push. */
export function pushPriceNtd(quota: QuotaView | null): number {
  return pricePerPushNtd(quota?.plan ?? TAIWAN_2023_PLANS[0]!, TAIWAN_2023_PLANS);
}

/** NT$ amounts with at least one decimal, so a column of savings (6.0, 4.6, 0.2) lines up. */
export function formatNtd(amount: number): string {
  return amount.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
}
