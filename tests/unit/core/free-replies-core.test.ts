import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame, type ApplyContext } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getQuota } from '../../../src/main/core/store/meta';
import { getMessage, insertMessageIfNew } from '../../../src/main/core/store/messages';
import { getOutboxItem, markOutboxSending, requeueOutboxItem } from '../../../src/main/core/store/outbox';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { applyReplyAction, type ReplyActionContext } from '../../../src/main/core/outbox/reply-actions';
import { savingsReport } from '../../../src/main/core/reports/savings';
import { savingsCsv } from '../../../src/shared/billing/savings';
import { TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';
import { silentLog } from '../../../src/main/core/log';
import type { Mutation, QuotaUpdatedPayload } from '../../../src/shared/protocol';
import { conversationUpserted } from './support/fake-relay';

const NOW = Date.parse('2024-05-20T04:00:00Z'); // 12:00 in Taipei
const TAIPEI = -480;
const CUSTOMER = 'U00000000000000000000000000000aa1';
const CONVERSATION = `line:${CUSTOMER}`;
let db: Database.Database;
const context: ApplyContext = { now: () => NOW, log: silentLog };

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  const applied = applyEventsFrame(db, { events: [{ ...conversationUpserted(CUSTOMER, '怡君'), seq: 1 }], cursor: 1 }, context);
  expect(applied.kind).toBe('applied');
});

const quota = (overrides: Partial<QuotaUpdatedPayload> = {}): QuotaUpdatedPayload => ({
  type: 'limited',
  limit: 3000,
  used: 120,
  polledAt: NOW,
  blocked: false,
  plan: TAIWAN_2023_PLANS[1]!,
  ...overrides,
});

function outgoing(id: string, createdAt: number, author: string, delivery: 'sent_free' | 'sent_push' | 'held' | 'failed', serverId: string | null = null) {
  insertMessageIfNew(db, {
    id,
    serverId,
    conversationId: CONVERSATION,
    direction: 'out',
    kind: 'text',
    text: id,
    createdAt,
    author,
    delivery,
    deliveryReason: null,
    mutationId: id,
  });
}

describe('quota and edited-message events', () => {
  it('keeps the last quota.updated and reports the quota scope', () => {
    const outcome = applyEventsFrame(db, { events: [{ seq: 2, type: 'quota.updated', occurredAt: NOW, payload: quota({ blocked: true }) }], cursor: 2 }, context);
    expect(outcome).toMatchObject({ kind: 'applied', scopes: expect.arrayContaining(['quota']) });
    expect(getQuota(db)).toEqual(quota({ blocked: true }));
  });

  it('changes the text of a held message and marks cancelled ones', () => {
    outgoing('m1', NOW, '小美', 'held', 'msg_1');
    const events = [
      { seq: 2, type: 'message.edited', conversationId: CONVERSATION, occurredAt: NOW, payload: { messageId: 'msg_1', mutationId: 'm1', text: '改好了', agentName: '小美' } },
      { seq: 3, type: 'delivery.updated', conversationId: CONVERSATION, occurredAt: NOW, payload: { messageId: 'msg_1', mutationId: 'm1', delivery: 'cancelled', reason: null } },
    ];
    expect(applyEventsFrame(db, { events, cursor: 3 }, context).kind).toBe('applied');
    expect(getMessage(db, 'm1')).toMatchObject({ text: '改好了', delivery: 'cancelled' });
  });
});

describe('held-message actions from the desktop', () => {
  function actionContext(answers: unknown[]): ReplyActionContext & { sent: Mutation[] } {
    const sent: Mutation[] = [];
    return {
      sent,
      db: () => db,
      send: async (mutation) => {
        sent.push(mutation);
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        return answer;
      },
      kickOutbox: () => undefined,
      notify: () => undefined,
    };
  }

  it('changes a reply still in the local outbox without the relay (works offline)', async () => {
    const queued = enqueueReply(db, { conversationId: CONVERSATION, text: '原文' }, () => NOW);
    expect(queued.ok).toBe(true);
    const id = queued.ok ? queued.messageId : '';
    const offline = actionContext([]);
    expect(await applyReplyAction(offline, 'reply.edit', { messageId: id, text: '新的文字' })).toEqual({ ok: true, delivery: 'queued' });
    expect(await applyReplyAction(offline, 'reply.push', { messageId: id })).toEqual({ ok: true, delivery: 'queued' });
    expect(JSON.parse(getOutboxItem(db, id)!.payload)).toEqual({ conversationId: CONVERSATION, text: '新的文字', push: true });
    expect(await applyReplyAction(offline, 'reply.cancel', { messageId: id })).toEqual({ ok: true, delivery: 'cancelled' });
    expect(getOutboxItem(db, id)).toBeNull();
    expect(getMessage(db, id)).toMatchObject({ delivery: 'cancelled', text: '新的文字' });
    expect(offline.sent).toHaveLength(0);
  });

  it('refuses an edit longer than LINE allows in UTF-16 code units, queued or held, and changes nothing', async () => {
    const queued = enqueueReply(db, { conversationId: CONVERSATION, text: '原文' }, () => NOW);
    const id = queued.ok ? queued.messageId : '';
    outgoing('m9', NOW, '小美', 'held', 'msg_9');
    const relay = actionContext([]);
    for (const messageId of [id, 'm9']) {
      expect(await applyReplyAction(relay, 'reply.edit', { messageId, text: '😀'.repeat(2600) })).toMatchObject({ ok: false, code: 'TEXT_TOO_LONG' });
    }
    expect(JSON.parse(getOutboxItem(db, id)!.payload)).toEqual({ conversationId: CONVERSATION, text: '原文' });
    expect(relay.sent).toHaveLength(0);
    expect(await applyReplyAction(relay, 'reply.edit', { messageId: id, text: '😀'.repeat(2500) })).toEqual({ ok: true, delivery: 'queued' });
  });

  it('does not change a queued reply whose first attempt may have reached the relay (its id is bound to that text)', async () => {
    const queued = enqueueReply(db, { conversationId: CONVERSATION, text: '原文' }, () => NOW);
    const id = queued.ok ? queued.messageId : '';
    markOutboxSending(db, id);
    requeueOutboxItem(db, id, 'answer lost', NOW + 1000);
    const offline = actionContext([]);
    expect(await applyReplyAction(offline, 'reply.edit', { messageId: id, text: '新的文字' })).toMatchObject({ ok: false, code: 'MAYBE_SENT' });
    expect(await applyReplyAction(offline, 'reply.push', { messageId: id })).toMatchObject({ ok: false, code: 'MAYBE_SENT' });
    expect(JSON.parse(getOutboxItem(db, id)!.payload)).toEqual({ conversationId: CONVERSATION, text: '原文' });
    expect(getMessage(db, id)).toMatchObject({ text: '原文' });
    expect(offline.sent).toHaveLength(0);
  });

  it('sends a held message as a push through the relay, retrying a lost answer with the same id', async () => {
    outgoing('m2', NOW, '小美', 'held', 'msg_2');
    const relay = actionContext([new Error('The relay did not answer within 10 s'), { ok: true, messageId: 'msg_2', delivery: 'sent_push', reason: null }]);
    expect(await applyReplyAction(relay, 'reply.push', { messageId: 'm2' })).toEqual({ ok: true, delivery: 'sent_push' });
    expect(relay.sent.map((mutation) => mutation.type)).toEqual(['reply.push', 'reply.push']);
    expect(relay.sent[1]!.id).toBe(relay.sent[0]!.id);
    expect(relay.sent[0]!.payload).toEqual({ messageId: 'msg_2' });
    expect(getMessage(db, 'm2')).toMatchObject({ delivery: 'sent_push' });
  });

  it('passes the relay refusal on and rejects empty edits before sending', async () => {
    outgoing('m3', NOW, '小美', 'held', 'msg_3');
    const relay = actionContext([{ ok: false, code: 'QUOTA_EXHAUSTED', message: 'The monthly push quota is used up' }]);
    expect(await applyReplyAction(relay, 'reply.push', { messageId: 'm3' })).toEqual({
      ok: false,
      code: 'QUOTA_EXHAUSTED',
      message: 'The monthly push quota is used up',
    });
    expect(await applyReplyAction(relay, 'reply.edit', { messageId: 'm3', text: '   ' })).toMatchObject({ ok: false, code: 'INVALID_REPLY' });
    expect(await applyReplyAction(relay, 'reply.cancel', { messageId: 'nope' })).toMatchObject({ ok: false, code: 'UNKNOWN_MESSAGE' });
    expect(relay.sent).toHaveLength(1);
  });
});

describe('savings report', () => {
  it('counts free replies and pushes per Taipei day and agent, prices them from the plan, and exports CSV', () => {
    const day = 86_400_000;
    outgoing('a', NOW, '小美', 'sent_free');
    outgoing('b', NOW + 1000, '小美', 'sent_free');
    outgoing('c', NOW + 2000, '阿傑', 'sent_push');
    outgoing('d', NOW - day, '小美', 'sent_free');
    // 23:30 Taipei on the 19th is 15:30 UTC: it belongs to the 19th, not the 20th.
    outgoing('e', Date.parse('2024-05-19T15:30:00Z'), '阿傑', 'sent_free');
    outgoing('f', NOW, '小美', 'held'); // not delivered: not counted
    outgoing('g', NOW - 40 * day, '小美', 'sent_free'); // outside the range
    applyEventsFrame(db, { events: [{ seq: 2, type: 'quota.updated', occurredAt: NOW, payload: quota({ plan: TAIWAN_2023_PLANS[2]! }) }], cursor: 2 }, context);

    const report = savingsReport(db, { days: 30, timezoneOffsetMinutes: TAIPEI }, NOW);
    expect(report).toMatchObject({ from: '2024-04-21', to: '2024-05-20', pricePerPushNtd: 0.2, planName: '高用量' });
    expect(report.rows).toEqual([
      { day: '2024-05-19', agent: '小美', freeReplies: 1, countedPushes: 0, savedNtd: 0.2 },
      { day: '2024-05-19', agent: '阿傑', freeReplies: 1, countedPushes: 0, savedNtd: 0.2 },
      { day: '2024-05-20', agent: '小美', freeReplies: 2, countedPushes: 0, savedNtd: 0.4 },
      { day: '2024-05-20', agent: '阿傑', freeReplies: 0, countedPushes: 1, savedNtd: 0 },
    ]);
    expect(report.totals).toEqual({ freeReplies: 4, countedPushes: 1, savedNtd: 0.8, pushCostNtd: 0.2 });

    const csv = savingsCsv(report, 'zh-TW');
    expect(csv.startsWith('\uFEFF日期,客服,免費回覆,計費推播,節省金額（NT$）\r\n')).toBe(true);
    expect(csv).toContain('2024-05-20,小美,2,0,0.40\r\n');
    expect(savingsCsv({ ...report, rows: [{ ...report.rows[0]!, agent: '=HYPERLINK("x")' }] }, 'en')).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
