import { csvField } from '../billing/savings';
import type { TeamReport, TeamReportRow } from './team-report-schema';

const HEADERS = {
  'zh-TW': ['範圍', '日期或管道', '客服', '處理對話數', '首次回覆次數', '首次回覆中位數（分鐘）', '免費回覆', '推播回覆', '保留逾時未送出'],
  en: ['Scope', 'Day or channel', 'Agent', 'Conversations handled', 'First responses', 'Median first response (min)', 'Free replies', 'Pushed replies', 'Held replies expired'],
} as const;

const SCOPES = {
  'zh-TW': { all: '全期間', day: '每日', channel: '管道' },
  en: { all: 'Whole range', day: 'Day', channel: 'Channel' },
} as const;

function minutes(ms: number | null): string {
  return ms === null ? '' : (ms / 60_000).toFixed(1);
}

function cells(scope: string, part: string, row: TeamReportRow): string {
  return [scope, part, row.agent, row.conversationsHandled, row.firstResponses, minutes(row.medianFirstResponseMs), row.freeReplies, row.pushedReplies, row.heldExpired]
    .map(csvField)
    .join(',');
}

/** One CSV (UTF-8 with BOM, CRLF) with the range's totals per agent, then per day, then per channel. */
export function teamReportCsv(report: TeamReport, language: 'zh-TW' | 'en'): string {
  const scope = SCOPES[language];
  const lines = [
    HEADERS[language].map(csvField).join(','),
    ...report.agents.map((row) => cells(scope.all, `${report.from}–${report.to}`, row)),
    ...report.days.map((row) => cells(scope.day, row.day, row)),
    ...report.channels.map((row) => cells(scope.channel, row.channel, row)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
