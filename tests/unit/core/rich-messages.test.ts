import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame, type ApplyContext } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getConversation } from '../../../src/main/core/store/conversations';
import { listMessagesPage } from '../../../src/main/core/store/messages';
import { toMessageViews } from '../../../src/main/core/store/message-extras';
import { toConversationSummary } from '../../../src/main/core/views';
import { searchMessages } from '../../../src/main/core/store/search';
import { silentLog } from '../../../src/main/core/log';
import { createMediaCache } from '../../../src/main/core/media/media-cache';
import { loadMessageMedia } from '../../../src/main/core/media/media-loader';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';

let db: Database.Database;
let dir: string;
const context: ApplyContext = { now: () => 1_700_000_000_000, log: silentLog };
let seq = 0;

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  dir = mkdtempSync(join(tmpdir(), 'core-media-'));
  seq = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function apply(events: NewRelayEvent[]) {
  const withSeq = events.map((event) => ({ ...event, seq: ++seq }) as RelayEvent);
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: seq }, context);
  expect(outcome.kind).toBe('applied');
}

const USER = 'U0000000000000000000000000000beef';
const GROUP = 'C0000000000000000000000000000cafe';
const conversation = (id: string, friendId: string, name: string): NewRelayEvent => ({
  type: 'conversation.upserted',
  conversationId: id,
  occurredAt: 100,
  payload: { channel: 'line', friendId, displayName: name, pictureUrl: null },
});
const received = (conversationId: string, messageId: string, at: number, extra: Record<string, unknown>): NewRelayEvent =>
  ({
    type: 'message.received',
    conversationId,
    occurredAt: at,
    payload: { messageId, friendId: USER, kind: 'text', text: '', replyTokenReceivedAt: null, ...extra },
  }) as NewRelayEvent;
const views = (conversationId: string) => toMessageViews(db, conversationId, listMessagesPage(db, { conversationId, limit: 100, before: null }).rows);

describe('rich messages in the local store', () => {
  it('keeps content, adds stored media later, names group members and shows what a quote quotes', () => {
    const id = `line:${GROUP}`;
    apply([
      conversation(id, GROUP, '12月團購群'),
      received(id, '100', 1000, { kind: 'image', text: '[圖片]', senderId: USER, imageSet: { id: 'S1', index: 1, total: 2 } }),
      received(id, '101', 1001, { kind: 'sticker', text: '我要退貨', sticker: { packageId: '1', stickerId: '2', keywords: ['return'], text: '我要退貨' }, quotedMessageId: '100' }),
      { type: 'conversation.memberUpserted', conversationId: id, occurredAt: 1002, payload: { memberId: USER, displayName: '林美惠', pictureUrl: null } },
    ]);
    let [photo, sticker] = views(id);
    expect(photo).toMatchObject({ kind: 'image', content: { senderId: USER, imageSet: { id: 'S1', index: 1, total: 2 } }, senderName: '林美惠', mediaUnavailable: null });
    expect(photo!.content?.media).toBeUndefined();
    expect(sticker).toMatchObject({ text: '我要退貨', quoted: { id: '100', kind: 'image', direction: 'in', withdrawn: false } });
    // A message sticker's words are searchable like any text.
    expect(searchMessages(db, { query: '我要退貨', limit: 10 }).map((hit) => hit.messageId)).toEqual(['101']);

    apply([{ type: 'message.mediaReady', conversationId: id, occurredAt: 1500, payload: { messageId: '100', media: { url: '/media/m_a', contentType: 'image/png', size: 10, previewUrl: '/media/m_a/preview' } } }]);
    [photo] = views(id);
    expect(photo!.content?.media).toEqual({ url: '/media/m_a', contentType: 'image/png', size: 10, previewUrl: '/media/m_a/preview' });
  });

  it('says why content will not come, withdraws an unsent message and hides it from search', () => {
    const id = `line:${USER}`;
    apply([
      conversation(id, USER, '陳小姐'),
      received(id, '200', 1000, { kind: 'file', text: '[檔案：報價單.pdf]', file: { name: '報價單.pdf', size: 3 } }),
      received(id, '201', 1001, { kind: 'text', text: '不好意思傳錯了報價單' }),
      { type: 'message.mediaUnavailable', conversationId: id, occurredAt: 1100, payload: { messageId: '200', reason: 'expired' } },
      { type: 'channel.event', conversationId: id, occurredAt: 1200, payload: { channel: 'line', eventType: 'unsend', summary: '收回了一則訊息', details: { messageId: '201' } } },
    ]);
    const [file, unsent, line] = views(id);
    expect(file).toMatchObject({ mediaUnavailable: 'expired', withdrawn: false });
    expect(unsent).toMatchObject({ id: '201', withdrawn: true, text: '', content: null });
    expect(line).toMatchObject({ kind: 'event', author: 'unsend', eventDetails: { messageId: '201' } });
    expect(searchMessages(db, { query: '傳錯了', limit: 10 })).toEqual([]);
  });

  it('counts taps, follows and blocks as unread, and knows when replies cannot reach the customer', () => {
    const id = `line:${USER}`;
    apply([
      conversation(id, USER, '陳小姐'),
      { type: 'channel.event', conversationId: id, occurredAt: 1000, payload: { channel: 'line', eventType: 'postback', summary: '點選了按鈕：menu=track', details: { postback: { data: 'menu=track' } } } },
      { type: 'channel.event', conversationId: id, occurredAt: 1100, payload: { channel: 'line', eventType: 'unfollow', summary: '封鎖了官方帳號' } },
    ]);
    expect(getConversation(db, id)).toMatchObject({ unread_count: 2, blocked: 1, last_message_preview: '封鎖了官方帳號' });
    expect(toConversationSummary(getConversation(db, id)!, 0).blocked).toBe(true);
    apply([{ type: 'channel.event', conversationId: id, occurredAt: 1200, payload: { channel: 'line', eventType: 'follow', summary: '加入好友（或解除封鎖）', details: { unblocked: true } } }]);
    expect(getConversation(db, id)).toMatchObject({ unread_count: 3, blocked: 0 });
    expect(views(id).map((m) => m.eventDetails)).toEqual([{ postback: { data: 'menu=track' } }, null, { unblocked: true }]);
  });

  it('shows no free-reply window while the customer blocks the account, and the next follow’s window again', () => {
    const id = `line:${USER}`;
    const window = (tokenReceivedAt: number | null): NewRelayEvent => ({ type: 'conversation.replyWindow', conversationId: id, occurredAt: 1, payload: { tokenReceivedAt } });
    const summary = () => toConversationSummary(getConversation(db, id)!, 0);
    apply([conversation(id, USER, '陳小姐'), received(id, '300', 1000, { text: '在嗎' }), window(1000)]);
    expect(summary()).toMatchObject({ replyWindowOpenedAt: 1000, replyWindow: { gate: 'reply_token', tokenReceivedAt: 1000 } });
    // An older relay announced no closed window on a block: the block alone hides the countdown.
    apply([{ type: 'channel.event', conversationId: id, occurredAt: 1010, payload: { channel: 'line', eventType: 'unfollow', summary: '封鎖了官方帳號' } }]);
    expect(summary()).toMatchObject({ blocked: true, replyWindowOpenedAt: null, replyWindow: { gate: 'reply_token', tokenReceivedAt: null } });
    apply([
      window(2000),
      { type: 'channel.event', conversationId: id, occurredAt: 2000, payload: { channel: 'line', eventType: 'follow', summary: '加入好友（或解除封鎖）', details: { unblocked: true } } },
    ]);
    expect(summary()).toMatchObject({ blocked: false, replyWindowOpenedAt: 2000, replyWindow: { gate: 'reply_token', tokenReceivedAt: 2000 } });
  });
});

describe('the media cache', () => {
  it('serves what was shown again offline, bounded by size (least recently shown out first)', async () => {
    const id = `line:${USER}`;
    apply([conversation(id, USER, '陳小姐')]);
    const photos = ['300', '301', '302'];
    apply(photos.map((messageId, i) => received(id, messageId, 1000 + i, { kind: 'image', text: '[圖片]', media: { url: `/media/m_${messageId}`, contentType: 'image/png' } })));
    const cache = createMediaCache({ dir, maxBytes: 2_500, now: () => Date.now() });
    let online = true;
    const requests: { url: string; auth: string | null }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      requests.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.authorization ?? null });
      if (!online) throw new Error('connect ECONNREFUSED');
      return new Response(Buffer.alloc(1_000, url.length), { headers: { 'content-type': 'image/png' } });
    }) as typeof fetch;
    const deps = { db: () => db, cache, credentials: () => ({ relayUrl: 'http://127.0.0.1:9', token: 'sia_token' }), fetch: fakeFetch };

    for (const messageId of photos) expect(await loadMessageMedia(deps, { messageId, variant: 'full' })).toMatchObject({ ok: true, size: 1_000, contentType: 'image/png' });
    expect(requests.map((r) => [r.url, r.auth])).toEqual(photos.map((m) => [`http://127.0.0.1:9/media/m_${m}`, 'Bearer sia_token']));
    expect(readdirSync(dir)).toHaveLength(2); // 2,500 bytes hold two photos: the first one shown went out

    online = false;
    expect(await loadMessageMedia(deps, { messageId: '302', variant: 'full' })).toMatchObject({ ok: true });
    expect(await loadMessageMedia(deps, { messageId: '300', variant: 'full' })).toMatchObject({ ok: false, code: 'OFFLINE' });
    expect(await loadMessageMedia(deps, { messageId: 'nope', variant: 'full' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
