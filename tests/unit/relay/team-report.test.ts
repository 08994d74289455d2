import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewRelayEvent } from '../../../src/shared/protocol';
import { computeTeamReport, type TeamReportEvent } from '../../../src/shared/reports/team-report';
import { teamReportCsv } from '../../../src/shared/reports/team-report-csv';
import type { TeamReport } from '../../../src/shared/reports/team-report-schema';
import { answerTeamRequest } from '../../../src/relay/team/team-requests';
import { openTempStore, type TempStore } from './store-fixture';

/**
 * The lead's team report against a replay computed by hand. Times are Taipei (UTC+8): T0 = 2026-03-02 09:00.
 * Three customers: U1 and U3 on LINE, U2 on Messenger; agents 小美 and 阿杰; the alert for held replies is 30 min.
 */
const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 1, 0);
const NOW = T0 + 24 * 60 * MIN + 60 * MIN;
const U1 = 'line:U1';
const U2 = 'messenger:PAGE:U2';
const U3 = 'line:U3';

const received = (conversationId: string, text: string, at: number, kind = 'text'): NewRelayEvent => ({
  type: 'message.received',
  conversationId,
  occurredAt: at,
  payload: { messageId: `in-${at}`, friendId: conversationId.split(':').at(-1)!, kind, text, replyTokenReceivedAt: null },
});
const sent = (conversationId: string, messageId: string, agentName: string, at: number, delivery: 'sent_free' | 'sent_push' | 'held', extra: object = {}): NewRelayEvent => ({
  type: 'message.sent',
  conversationId,
  occurredAt: at,
  payload: { messageId, mutationId: `mut-${messageId}`, text: '回覆', agentName, delivery, reason: delivery === 'held' ? 'no_fresh_token' : null, ...extra },
});
const delivered = (conversationId: string, messageId: string, at: number, delivery: 'sent_free' | 'cancelled'): NewRelayEvent => ({
  type: 'delivery.updated',
  conversationId,
  occurredAt: at,
  payload: { messageId, mutationId: `mut-${messageId}`, delivery, reason: null },
});

const REPLAY: NewRelayEvent[] = [
  received(U1, '請問有 M 號嗎？', T0), // a wait starts
  received(U1, '謝謝', T0 + 1 * MIN), // no reply needed
  sent(U1, 'm1', '小美', T0 + 3 * MIN, 'sent_free'), // 小美 answers after 3 min (free)
  received(U2, '我要退貨', T0 + 10 * MIN), // a wait starts
  sent(U2, 'm2', '阿杰', T0 + 20 * MIN, 'held'), // held: not an answer yet
  received(U2, '在嗎？', T0 + 50 * MIN), // asked after m2 was written
  delivered(U2, 'm2', T0 + 50 * MIN + 1000, 'sent_free'), // m2 goes out: 阿杰 answered U2 after 40 min 1 s (held 30 min 1 s, went out: not expired)
  sent(U2, 'm3', '阿杰', T0 + 52 * MIN, 'sent_free'), // the "在嗎？" after 2 min
  received(U3, '寄錯了', T0 + 60 * MIN), // a complaint: a wait starts
  sent(U3, 'm4', '小美', T0 + 61 * MIN, 'held'),
  delivered(U3, 'm4', T0 + 100 * MIN, 'cancelled'), // held 39 min, never sent: expired
  sent(U3, 'm5', '小美', T0 + 101 * MIN, 'sent_push'), // pushed: 小美 answered U3 after 41 min
  sent(U1, 'auto-1', '自動回覆', T0 + 120 * MIN, 'sent_free', { auto: true }), // nobody's
  received(U1, '請問今天出貨嗎？', T0 + 24 * 60 * MIN), // the next day
  sent(U1, 'm6', '阿杰', T0 + 24 * 60 * MIN + 5 * MIN, 'held'), // still held at NOW after 55 min: expired
  sent(U1, 'reminder', '付款提醒', T0 + 24 * 60 * MIN + 6 * MIN, 'held', { kind: 'payment_reminder', orderId: 'ord_1' }), // nobody's
];

const ROW = { conversationsHandled: 0, firstResponses: 0, medianFirstResponseMs: null, freeReplies: 0, pushedReplies: 0, heldExpired: 0 };
const EXPECTED: TeamReport = {
  from: '2026-03-02',
  to: '2026-03-03',
  heldReplyAlertMinutes: 30,
  agents: [
    // 小美: U1, U3; first responses 3 min and 41 min → median 22 min; m1 free, m5 pushed, m4 expired.
    { ...ROW, agent: '小美', conversationsHandled: 2, firstResponses: 2, medianFirstResponseMs: 22 * MIN, freeReplies: 1, pushedReplies: 1, heldExpired: 1 },
    // 阿杰: U2, U1; first responses 40 min 1 s and 2 min → median 21 min 0.5 s; m2, m3 free; m6 expired.
    { ...ROW, agent: '阿杰', conversationsHandled: 2, firstResponses: 2, medianFirstResponseMs: (40 * MIN + 1000 + 2 * MIN) / 2, freeReplies: 2, heldExpired: 1 },
  ],
  days: [
    { ...ROW, day: '2026-03-02', agent: '小美', conversationsHandled: 2, firstResponses: 2, medianFirstResponseMs: 22 * MIN, freeReplies: 1, pushedReplies: 1, heldExpired: 1 },
    { ...ROW, day: '2026-03-02', agent: '阿杰', conversationsHandled: 1, firstResponses: 2, medianFirstResponseMs: (40 * MIN + 1000 + 2 * MIN) / 2, freeReplies: 2 },
    { ...ROW, day: '2026-03-03', agent: '阿杰', conversationsHandled: 1, heldExpired: 1 },
  ],
  channels: [
    { ...ROW, channel: 'line', agent: '小美', conversationsHandled: 2, firstResponses: 2, medianFirstResponseMs: 22 * MIN, freeReplies: 1, pushedReplies: 1, heldExpired: 1 },
    { ...ROW, channel: 'line', agent: '阿杰', conversationsHandled: 1, heldExpired: 1 },
    { ...ROW, channel: 'messenger', agent: '阿杰', conversationsHandled: 1, firstResponses: 2, medianFirstResponseMs: (40 * MIN + 1000 + 2 * MIN) / 2, freeReplies: 2 },
  ],
};
const OPTIONS = { from: T0 - 60 * MIN, to: NOW, timezoneOffsetMinutes: -480, heldReplyAlertMinutes: 30, now: NOW };

describe('the team report', () => {
  it('matches the hand-computed replay', () => {
    const events = REPLAY.map((event, index) => ({ ...event, seq: index + 1 }) as TeamReportEvent);
    expect(computeTeamReport(events, OPTIONS)).toEqual(EXPECTED);
  });

  it('counts a wait on the day it began and only inside the range', () => {
    const events = REPLAY.map((event, index) => ({ ...event, seq: index + 1 }) as TeamReportEvent);
    const secondDay = computeTeamReport(events, { ...OPTIONS, from: T0 + 23 * 60 * MIN });
    expect(secondDay.agents).toEqual([{ ...ROW, agent: '阿杰', conversationsHandled: 1, heldExpired: 1 }]);
  });

  it('writes a CSV Excel reads (BOM, CRLF), agents first, then days and channels', () => {
    const csv = teamReportCsv(EXPECTED, 'zh-TW');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(csv.startsWith('\uFEFF範圍,日期或管道,客服')).toBe(true);
    expect(lines).toHaveLength(1 + 2 + 3 + 3);
    expect(lines[1]).toBe('全期間,2026-03-02–2026-03-03,小美,2,2,22.0,1,1,1');
    expect(lines[5]).toBe('每日,2026-03-03,阿杰,1,0,,0,0,1');
  });

  describe('on the relay', () => {
    let fixture: TempStore;
    beforeEach(async () => {
      fixture = await openTempStore();
    });
    afterEach(() => fixture.dispose());

    it('replays its own event log into the same report, for leads only', async () => {
      await fixture.store.appendEvents(REPLAY);
      // Unrelated events in the log change nothing.
      await fixture.store.appendEvents([{ type: 'channel.event', occurredAt: T0, payload: { channel: 'line', eventType: 'follow', summary: '加入好友' } }]);
      const frame = { type: 'team.report', payload: { from: OPTIONS.from, to: OPTIONS.to, timezoneOffsetMinutes: -480 } };
      expect(await answerTeamRequest(fixture.store, frame, { name: '店長', role: 'lead' }, NOW)).toEqual({ ok: true, report: EXPECTED });
      expect(await answerTeamRequest(fixture.store, frame, { name: '小美', role: 'agent' }, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });
  });
});
