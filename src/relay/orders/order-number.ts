/**
 * Order numbers: `SO` + yyMMdd of the relay clock on Taiwan time + a per-day counter of at least four
 * digits (SO2611230001). Taiwan keeps UTC+8 all year (no daylight saving), so a fixed offset is exact.
 */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "261123" for any moment of 23 Nov 2026 in Taipei. */
export function orderDayKey(now: number): string {
  const taipei = new Date(now + TAIPEI_OFFSET_MS);
  const yy = String(taipei.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(taipei.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(taipei.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/** The `counter`-th order of `day` (a 10,000th order of one day simply gets five digits). */
export function formatOrderNo(day: string, counter: number): string {
  return `SO${day}${String(counter).padStart(4, '0')}`;
}
