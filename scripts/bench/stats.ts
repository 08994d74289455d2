/** Small shared helpers for the benchmarks: timing, percentiles, formatting, seeded randomness. */

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Nearest-rank percentile of an ascending-sorted list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function summarize(samples: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 3 : 1)} ms`;
export const perSecond = (count: number, elapsedMs: number): number => (count * 1000) / elapsedMs;
export const rate = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;

export function goal(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

export { seededRandom } from '../lib/seeded-random';

export function heading(title: string): void {
  console.log(`\n=== ${title} ===`);
}
