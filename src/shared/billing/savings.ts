import type { ChannelDeliveryCount, SavingsReport, SavingsRow } from '../ipc/views';

/** Raw counts per local day and agent, as the store groups them. */
export interface SavingsCount {
  day: string;
  agent: string;
  freeReplies: number;
  countedPushes: number;
}

const roundNtd = (value: number) => Math.round(value * 100) / 100;

/** YYYY-MM-DD of `at` in a zone `timezoneOffsetMinutes` behind UTC (as Date#getTimezoneOffset gives it). */
export function localDay(at: number, timezoneOffsetMinutes: number): string {
  return new Date(at - timezoneOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Savings versus sending every reply as a counted push: each free reply is one push not paid for, at
 * `pricePerPushNtd` (see pricePerPushNtd in ./plans for the assumption).
 */
export function buildSavingsReport(
  counts: readonly SavingsCount[],
  options: {
    from: string;
    to: string;
    pricePerPushNtd: number;
    planName: string | null;
    /** Outgoing counts of every channel (the counts above are LINE's). */
    channels?: readonly ChannelDeliveryCount[];
  },
): SavingsReport {
  const rows: SavingsRow[] = [...counts]
    .sort((a, b) => a.day.localeCompare(b.day) || a.agent.localeCompare(b.agent))
    .map((count) => ({ ...count, savedNtd: roundNtd(count.freeReplies * options.pricePerPushNtd) }));
  const freeReplies = rows.reduce((sum, row) => sum + row.freeReplies, 0);
  const countedPushes = rows.reduce((sum, row) => sum + row.countedPushes, 0);
  return {
    from: options.from,
    to: options.to,
    pricePerPushNtd: options.pricePerPushNtd,
    planName: options.planName,
    rows,
    totals: {
      freeReplies,
      countedPushes,
      savedNtd: roundNtd(freeReplies * options.pricePerPushNtd),
      pushCostNtd: roundNtd(countedPushes * options.pricePerPushNtd),
    },
    channels: [...(options.channels ?? [])],
  };
}

/** One value per day (oldest first, gaps filled with zeros) for the chart. */
export function dailySeries(report: SavingsReport): { day: string; freeReplies: number; countedPushes: number }[] {
  const byDay = new Map<string, { freeReplies: number; countedPushes: number }>();
  for (let day = report.from; day <= report.to; day = nextDay(day)) byDay.set(day, { freeReplies: 0, countedPushes: 0 });
  for (const row of report.rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    entry.freeReplies += row.freeReplies;
    entry.countedPushes += row.countedPushes;
  }
  return [...byDay].map(([day, values]) => ({ day, ...values }));
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const CSV_HEADERS = {
  'zh-TW': ['日期', '客服', '免費回覆', '計費推播', '節省金額（NT$）'],
  en: ['Date', 'Agent', 'Free replies', 'Counted pushes', 'Saved (NT$)'],
} as const;

export function csvField(value: string | number): string {
  const text = String(value);
  // Quote anything that could break the row, and neutralise spreadsheet formulas in agent names.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 BOM and CRLF line ends, so Excel on Windows opens the Chinese text correctly. */
export function savingsCsv(report: SavingsReport, language: 'zh-TW' | 'en'): string {
  const lines = [
    CSV_HEADERS[language].map(csvField).join(','),
    ...report.rows.map((row) => [row.day, row.agent, row.freeReplies, row.countedPushes, row.savedNtd.toFixed(2)].map(csvField).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
