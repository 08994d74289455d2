import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getConversation, listInboxPage } from '../../../src/main/core/store/conversations';
import { setServerTimeOffset, setStoredAgent } from '../../../src/main/core/store/meta';
import { searchMessages } from '../../../src/main/core/store/search';
import { toConversationSummary } from '../../../src/main/core/views';
import { inboxCounts } from '../../../src/main/core/tags/inbox-filter';
import { enqueueTagChange } from '../../../src/main/core/tags/enqueue-tag-change';
import { visibleTagsOf } from '../../../src/main/core/tags/friend-tags';
import { leadTags, tagMembers } from '../../../src/main/core/tags/lead-queries';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { applyReplyAction } from '../../../src/main/core/outbox/reply-actions';
import { createOrder } from '../../../src/main/core/orders/enqueue-order';
import { savingsReport } from '../../../src/main/core/reports/savings';
import { silentLog } from '../../../src/main/core/log';
import { cartSchema } from '../../../src/shared/orders/cart-schema';
import { replyOutlook } from '../../../src/shared/delivery/channel-window';
import { META_HELD_REASON } from '../../../src/shared/delivery/meta-window';
import type { Channel, NewRelayEvent } from '../../../src/shared/protocol';

const HOUR = 3_600_000;
const NOW = Date.parse('2024-05-20T04:00:00Z');
const MESSENGER = 'messenger:PAGE1:PSID77';
const INSTAGRAM = 'instagram:IG1:IGSID88';
const WEBCHAT = 'webchat:web:cust-42';
const LINE = 'line:U00000000000000000000000000000aa1';

let db: Database.Database;
let seq: number;

function apply(...events: NewRelayEvent[]): string[] {
  const withSeq = events.map((event) => ({ ...event, seq: ++seq }));
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: seq }, { now: () => NOW, log: silentLog });
  if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
  return outcome.scopes;
}

function upserted(conversationId: string, channel: Channel, friendId: string, displayName: string, at: number): NewRelayEvent {
  return { type: 'conversation.upserted', conversationId, occurredAt: at, payload: { channel, friendId, displayName, pictureUrl: null } };
}

function received(conversationId: string, friendId: string, messageId: string, text: string, at: number): NewRelayEvent {
  return { type: 'message.received', conversationId, occurredAt: at, payload: { messageId, friendId, kind: 'text', text, replyTokenReceivedAt: null } };
}

function replyWindow(conversationId: string, payload: Extract<NewRelayEvent, { type: 'conversation.replyWindow' }>['payload'], at: number): NewRelayEvent {
  return { type: 'conversation.replyWindow', conversationId, occurredAt: at, payload };
}

function sent(conversationId: string, messageId: string, delivery: 'sent_free' | 'sent_push', at: number): NewRelayEvent {
  return {
    type: 'message.sent',
    conversationId,
    occurredAt: at,
    payload: { messageId, mutationId: `mut-${messageId}`, text: `reply ${messageId}`, agentName: '小美', delivery, reason: null },
  };
}

function summary(conversationId: string, offset = 0) {
  const row = getConversation(db, conversationId);
  if (!row) throw new Error(`no ${conversationId}`);
  return toConversationSummary(row, offset);
}

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  setStoredAgent(db, { name: '小美', role: 'lead', demo: false });
  apply(
    upserted(LINE, 'line', 'U00000000000000000000000000000aa1', '陳小姐', NOW - 10 * HOUR),
    received(LINE, 'U00000000000000000000000000000aa1', 'l1', '請問運費怎麼算', NOW - 9 * HOUR),
    upserted(MESSENGER, 'messenger', 'PSID77', 'Mia Lin', NOW - 6 * HOUR),
    received(MESSENGER, 'PSID77', 'mm1', '請問碎花洋裝還有貨嗎', NOW - 5 * HOUR),
    replyWindow(MESSENGER, { tokenReceivedAt: null, meta: { lastCustomerMessageAt: NOW - 5 * HOUR, humanAgentAllowed: true } }, NOW - 5 * HOUR),
    upserted(INSTAGRAM, 'instagram', 'IGSID88', 'yuki.shop', NOW - 40 * HOUR),
    received(INSTAGRAM, 'IGSID88', 'ig1', '洋裝有 S 號嗎', NOW - 30 * HOUR),
    replyWindow(INSTAGRAM, { tokenReceivedAt: null, meta: { lastCustomerMessageAt: NOW - 30 * HOUR, humanAgentAllowed: false } }, NOW - 30 * HOUR),
    upserted(WEBCHAT, 'webchat', 'cust-42', '網站訪客 王先生', NOW - 2 * HOUR),
    replyWindow(WEBCHAT, { tokenReceivedAt: null, webchat: { visitorOnline: true } }, NOW - 2 * HOUR),
    received(WEBCHAT, 'cust-42', 'w1', '洋裝可以貨到付款嗎', NOW - HOUR),
  );
});

describe('every channel in the desktop core', () => {
  it('lists the four channels newest first, each with its own channel window in the view model', () => {
    const page = listInboxPage(db, { limit: 10, before: null });
    expect(page.rows.map((row) => [row.id, row.channel])).toEqual([
      [WEBCHAT, 'webchat'],
      [MESSENGER, 'messenger'],
      [LINE, 'line'],
      [INSTAGRAM, 'instagram'],
    ]);
    // The relay clock runs 1 s ahead of the agent's: Meta's time is shifted like the relay's.
    setServerTimeOffset(db, 1000);
    expect(summary(MESSENGER, 1000)).toMatchObject({
      channel: 'messenger',
      replyWindowOpenedAt: null,
      replyWindow: { gate: 'messaging_window', lastCustomerMessageAt: NOW - 5 * HOUR - 1000, humanAgentAllowed: true },
    });
    expect(summary(INSTAGRAM).replyWindow).toEqual({ gate: 'messaging_window', lastCustomerMessageAt: NOW - 30 * HOUR, humanAgentAllowed: false });
    expect(summary(WEBCHAT).replyWindow).toEqual({ gate: 'none', visitorOnline: true });
    expect(summary(LINE).replyWindow).toEqual({ gate: 'reply_token', tokenReceivedAt: null });

    // What the composer will say: Messenger free (24 h), Instagram held (no human-agent approval), web chat free.
    expect(replyOutlook(summary(MESSENGER).replyWindow, NOW)).toEqual({ mode: 'free', via: 'meta_response', closesAt: NOW + 19 * HOUR });
    expect(replyOutlook(summary(INSTAGRAM).replyWindow, NOW)).toEqual({
      mode: 'held',
      reason: META_HELD_REASON.closedNoHumanAgent,
      pushable: false,
    });
    expect(replyOutlook(summary(WEBCHAT).replyWindow, NOW)).toEqual({ mode: 'free', via: 'webchat', visitorOnline: true });
  });

  it('keeps the newest customer message time, and follows the web chat visitor leaving', () => {
    // A customer message opens Meta's window even before its replyWindow event, and a late event does not move it back.
    apply(received(INSTAGRAM, 'IGSID88', 'ig2', '在嗎', NOW - HOUR));
    expect(summary(INSTAGRAM).replyWindow).toMatchObject({ lastCustomerMessageAt: NOW - HOUR, humanAgentAllowed: false });
    apply(replyWindow(INSTAGRAM, { tokenReceivedAt: null, meta: { lastCustomerMessageAt: NOW - 30 * HOUR, humanAgentAllowed: true } }, NOW));
    expect(summary(INSTAGRAM).replyWindow).toEqual({ gate: 'messaging_window', lastCustomerMessageAt: NOW - HOUR, humanAgentAllowed: true });

    const scopes = apply(replyWindow(WEBCHAT, { tokenReceivedAt: null, webchat: { visitorOnline: false } }, NOW));
    expect(scopes).toEqual(expect.arrayContaining(['inbox', `conversation:${WEBCHAT}`]));
    expect(summary(WEBCHAT).replyWindow).toEqual({ gate: 'none', visitorOnline: false });
    // A LINE-only window event on web chat (no webchat part) leaves the visitor's state alone.
    apply(replyWindow(WEBCHAT, { tokenReceivedAt: null }, NOW));
    expect(summary(WEBCHAT).replyWindow).toEqual({ gate: 'none', visitorOnline: false });
  });

  it('filters by channel, counts per channel within the tag choice, and tags and searches every channel', () => {
    const ids = (filter: { channel: Channel | null; tag?: string | null; unreadOnly?: boolean }) =>
      listInboxPage(db, { limit: 10, before: null, filter: { tag: null, noTags: false, unreadOnly: false, ...filter } }).rows.map((row) => row.id);
    expect(ids({ channel: 'messenger' })).toEqual([MESSENGER]);
    expect(ids({ channel: 'webchat' })).toEqual([WEBCHAT]);
    expect(listInboxPage(db, { limit: 10, before: null, filter: { tag: null, noTags: false, unreadOnly: false, channel: 'instagram' } }).total).toBe(1);

    for (const friendId of ['PSID77', 'IGSID88', 'cust-42']) {
      expect(enqueueTagChange(db, { friendId, tag: '洋裝詢問', type: 'tag.add' }, () => NOW)).toMatchObject({ ok: true });
    }
    expect(visibleTagsOf(db, 'cust-42').map((tag) => tag.name)).toEqual(['洋裝詢問']);
    expect(ids({ channel: null, tag: '洋裝詢問' })).toEqual([WEBCHAT, MESSENGER, INSTAGRAM]);
    expect(ids({ channel: 'instagram', tag: '洋裝詢問' })).toEqual([INSTAGRAM]);
    expect(ids({ channel: 'line', tag: '洋裝詢問' })).toEqual([]);

    const counts = inboxCounts(db, { unreadOnly: false, channel: null, tag: '洋裝詢問', noTags: false });
    expect(counts.channels).toEqual({ line: 0, messenger: 1, instagram: 1, webchat: 1 });
    const withinInstagram = inboxCounts(db, { unreadOnly: false, channel: 'instagram', tag: null, noTags: false });
    expect(withinInstagram).toMatchObject({ all: 1, noTags: 0, channels: { line: 1, messenger: 1, instagram: 1, webchat: 1 } });
    expect(withinInstagram.tags).toEqual([{ key: expect.any(String), name: '洋裝詢問', count: 1 }]);

    // The lead's views: members per channel, each member with its channel.
    const [tag] = leadTags(db, NOW);
    expect(tag).toMatchObject({ name: '洋裝詢問', count: 3, channels: { line: 0, messenger: 1, instagram: 1, webchat: 1 } });
    expect(tagMembers(db, '洋裝詢問').map((member) => [member.conversationId, member.channel])).toEqual([
      [WEBCHAT, 'webchat'],
      [MESSENGER, 'messenger'],
      [INSTAGRAM, 'instagram'],
    ]);

    const hits = searchMessages(db, { query: '洋裝', limit: 10 });
    expect(hits.map((hit) => [hit.conversationId, hit.channel, hit.conversationName])).toEqual([
      [WEBCHAT, 'webchat', '網站訪客 王先生'],
      [INSTAGRAM, 'instagram', 'yuki.shop'],
      [MESSENGER, 'messenger', 'Mia Lin'],
    ]);
  });

  it('queues replies and quick-cart orders on every channel, but refuses a counted push outside LINE', () => {
    for (const conversationId of [MESSENGER, INSTAGRAM, WEBCHAT]) {
      expect(enqueueReply(db, { conversationId, text: '有的，幫您保留' }, () => NOW)).toMatchObject({ ok: true });
      expect(enqueueReply(db, { conversationId, text: '推播給您', push: true }, () => NOW)).toMatchObject({ ok: false, code: 'NO_COUNTED_PUSH' });
    }
    expect(enqueueReply(db, { conversationId: LINE, text: '推播給您', push: true }, () => NOW)).toMatchObject({ ok: true });
    const cart = cartSchema.parse({
      lines: [{ sku: 'DR-002', variantId: null, name: '碎花洋裝', variantLabel: '', unitPrice: 990, quantity: 1 }],
      shipping: { method: 'home', address: '台北市信義區松仁路 100 號', fee: 100, freeShippingThreshold: 2000 },
      discount: null,
    });
    expect(createOrder(db, { conversationId: INSTAGRAM, cart, sendSummary: true }, () => NOW)).toMatchObject({ ok: true });
    expect(createOrder(db, { conversationId: INSTAGRAM, cart, sendSummary: true, push: true }, () => NOW)).toMatchObject({
      ok: false,
      code: 'NO_COUNTED_PUSH',
    });
  });

  it('refuses "send as push" for a held Messenger reply', async () => {
    apply({
      type: 'message.sent',
      conversationId: MESSENGER,
      occurredAt: NOW,
      payload: { messageId: 'held-1', mutationId: 'mut-held-1', text: '晚點回覆您', agentName: '小美', delivery: 'held', reason: META_HELD_REASON.closed },
    });
    const result = await applyReplyAction(
      { db: () => db, send: () => Promise.reject(new Error('must not be sent')), kickOutbox: () => undefined, notify: () => undefined },
      'reply.push',
      { messageId: 'held-1' },
    );
    expect(result).toMatchObject({ ok: false, code: 'NO_COUNTED_PUSH' });
  });

  it('reports LINE savings as before and free replies per channel', () => {
    apply(
      sent(LINE, 'r1', 'sent_free', NOW - 8 * HOUR),
      sent(LINE, 'r2', 'sent_push', NOW - 7 * HOUR),
      sent(MESSENGER, 'r3', 'sent_free', NOW - 4 * HOUR),
      sent(MESSENGER, 'r4', 'sent_free', NOW - 3 * HOUR),
      sent(INSTAGRAM, 'r5', 'sent_free', NOW - 2 * HOUR),
      sent(WEBCHAT, 'r6', 'sent_free', NOW - HOUR),
    );
    const report = savingsReport(db, { days: 7, timezoneOffsetMinutes: -480 }, NOW);
    expect(report.totals).toMatchObject({ freeReplies: 1, countedPushes: 1 });
    expect(report.totals.savedNtd).toBeCloseTo(report.pricePerPushNtd, 5);
    expect(report.rows).toEqual([expect.objectContaining({ agent: '小美', freeReplies: 1, countedPushes: 1 })]);
    expect(report.channels).toEqual([
      { channel: 'line', freeReplies: 1, countedPushes: 1 },
      { channel: 'messenger', freeReplies: 2, countedPushes: 0 },
      { channel: 'instagram', freeReplies: 1, countedPushes: 0 },
      { channel: 'webchat', freeReplies: 1, countedPushes: 0 },
    ]);
  });
});
