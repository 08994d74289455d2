import { describe, expect, it } from 'vitest';
import { customerMessageItem, deletedItem, echoItem, metaWebhookBody, reactionItem, storyMentionItem } from '../../../../src/demo/fake-meta';
import { parseMetaWebhook } from '../../../../src/relay/channels/meta/intake';
import type { MetaIntakeItem } from '../../../../src/relay/channels/meta/intake-items';

const PAGE = '106498375123456';
const PAGE_2 = '106498375654321';
const PSID = '6543210987654321';
const PSID_2 = '6543210987650000';
const IG_ACCOUNT = '17841400000000001';
const IGSID = '1234567890123456';
const T = 1_700_000_000_000;

function itemsOf(body: unknown): MetaIntakeItem[] {
  const result = parseMetaWebhook(body);
  if (!result.ok) throw new Error(result.error);
  return result.items;
}

describe('Meta webhook intake: Messenger', () => {
  // Written out by hand, as Meta documents it: two pages in one body, several items per entry.
  const body = {
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: T + 10,
        messaging: [
          { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 3, message: { mid: 'm_2', text: '還有貨嗎？', quick_reply: { payload: 'STOCK' } } },
          {
            sender: { id: PSID },
            recipient: { id: PAGE },
            timestamp: T + 1,
            message: {
              mid: 'm_1',
              attachments: [
                { type: 'image', payload: { url: 'https://cdn.example/1.jpg', sticker_id: 369239263222822 } },
                { type: 'fallback', title: 'A link', url: 'https://shop.example/p/1', payload: null },
              ],
              reply_to: { mid: 'm_0' },
            },
          },
          { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: T + 4, message: { mid: 'm_echo', is_echo: true, app_id: 1517776481860111, text: '有的' } },
          { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 5, read: { watermark: T + 4 } },
          { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 6, delivery: { mids: ['m_echo'], watermark: T + 4 } },
          { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 7, postback: { title: '查訂單', payload: 'ORDER_LOOKUP', mid: 'm_pb' } },
          { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 8, reaction: { mid: 'm_echo', action: 'react', emoji: '❤️', reaction: 'love' } },
        ],
      },
      { id: PAGE_2, time: T + 10, messaging: [{ sender: { id: PSID_2 }, recipient: { id: PAGE_2 }, timestamp: T + 2, message: { mid: 'm_other', text: 'hi' } }] },
    ],
  };

  it('flattens every item of every entry, ordered by timestamp, each with its page and customer', () => {
    const items = itemsOf(body);
    expect(items.map((item) => [item.kind, item.accountId, item.customerId, item.timestamp])).toEqual([
      ['message', PAGE, PSID, T + 1],
      ['message', PAGE_2, PSID_2, T + 2],
      ['message', PAGE, PSID, T + 3],
      ['echo', PAGE, PSID, T + 4],
      ['read', PAGE, PSID, T + 5],
      ['delivery', PAGE, PSID, T + 6],
      ['postback', PAGE, PSID, T + 7],
      ['reaction', PAGE, PSID, T + 8],
    ]);
    expect(items.every((item) => item.channel === 'messenger' && !item.standby)).toBe(true);
  });

  it('keeps message content: text, quick reply, reply-to, attachments with their urls', () => {
    const [first, , third] = itemsOf(body);
    expect(first).toMatchObject({
      kind: 'message',
      mid: 'm_1',
      text: null,
      replyTo: { mid: 'm_0' },
      storyReply: null,
      storyMention: null,
      quickReplyPayload: null,
      attachments: [
        { type: 'image', url: 'https://cdn.example/1.jpg', stickerId: '369239263222822', title: null },
        { type: 'fallback', url: 'https://shop.example/p/1', title: 'A link', payload: null },
      ],
      dedupeKey: 'messenger:mid:m_1',
    });
    expect(third).toMatchObject({ kind: 'message', mid: 'm_2', text: '還有貨嗎？', quickReplyPayload: 'STOCK', attachments: [], replyTo: null });
  });

  it('reads echoes as sent by the page, with the customer as the recipient', () => {
    const echo = itemsOf(body).find((item) => item.kind === 'echo');
    expect(echo).toMatchObject({ kind: 'echo', mid: 'm_echo', text: '有的', appId: '1517776481860111', customerId: PSID, dedupeKey: 'messenger:mid:m_echo' });
  });

  it('reads reads, deliveries, postbacks and reactions', () => {
    const byKind = Object.fromEntries(itemsOf(body).map((item) => [item.kind, item]));
    expect(byKind.read).toMatchObject({ watermark: T + 4, mid: null });
    expect(byKind.delivery).toMatchObject({ mids: ['m_echo'], watermark: T + 4 });
    expect(byKind.postback).toMatchObject({ title: '查訂單', payload: 'ORDER_LOOKUP', mid: 'm_pb', dedupeKey: 'messenger:postback:m_pb' });
    expect(byKind.reaction).toMatchObject({ mid: 'm_echo', action: 'react', emoji: '❤️', reaction: 'love' });
  });

  it('gives the same dedupe keys to a redelivered body, and different ones to different items', () => {
    const first = itemsOf(body).map((item) => item.dedupeKey);
    const again = itemsOf(JSON.parse(JSON.stringify(body))).map((item) => item.dedupeKey);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('keeps unknown kinds, malformed items and field changes as unknown items instead of dropping them', () => {
    const odd = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: T,
          messaging: [
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 1, optin: { type: 'notification_messages', payload: 'x' } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 2, message: { text: 'no mid' } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 3, reaction: { mid: 'm_1', action: 'wave' } },
            { recipient: { id: PAGE }, timestamp: T + 4, message: { mid: 'm_x' } },
            'not even an object',
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 5, message: { mid: 'm_ok', text: 'fine' } },
          ],
          standby: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T + 6, message: { mid: 'm_standby', text: 'other app' } }],
          changes: [{ field: 'feed', value: { item: 'comment' } }],
        },
      ],
    };
    const items = itemsOf(odd);
    expect(items).toHaveLength(8);
    const unknown = items.filter((item) => item.kind === 'unknown');
    expect(unknown.map((item) => [item.customerId, item.detail.split(':')[0]])).toEqual([
      [null, 'item'], // the string (no envelope: entry.time)
      [null, 'item'], // no sender
      [null, 'change'],
      [PSID, 'kind'],
      [PSID, 'message'],
      [PSID, 'reaction'],
    ]);
    expect(unknown.find((item) => item.detail.startsWith('kind'))).toMatchObject({ detail: 'kind: optin', raw: odd.entry[0]!.messaging[0] });
    expect(items.find((item) => item.kind === 'message' && item.mid === 'm_ok')).toBeDefined();
    expect(items.find((item) => item.standby)).toMatchObject({ kind: 'message', mid: 'm_standby', standby: true });
    expect(new Set(items.map((item) => item.dedupeKey)).size).toBe(8);
  });

  it('uses entry.time when an item has no timestamp, and accepts ids sent as numbers', () => {
    const items = itemsOf({ object: 'page', entry: [{ id: 106498375123456, time: T, messaging: [{ sender: { id: 42 }, recipient: { id: 106498375123456 }, message: { mid: 'm_1' } }] }] });
    expect(items[0]).toMatchObject({ accountId: '106498375123456', customerId: '42', timestamp: T });
  });

  it('refuses only an envelope that is not a Messenger/Instagram webhook, or one beyond the size bounds', () => {
    for (const bad of [null, [], {}, { object: 'whatsapp_business_account', entry: [] }, { object: 'page' }, { object: 'page', entry: [{ time: T }] }, { object: 'page', entry: [{ id: PAGE, time: 'now' }] }]) {
      expect(parseMetaWebhook(bad).ok).toBe(false);
    }
    const tooMany = { object: 'page', entry: [{ id: PAGE, time: T, messaging: Array.from({ length: 1001 }, () => ({})) }] };
    expect(parseMetaWebhook(tooMany)).toMatchObject({ ok: false, error: expect.stringContaining('entry.0.messaging') });
    const longId = { object: 'page', entry: [{ id: '1'.repeat(129), time: T }] };
    expect(parseMetaWebhook(longId).ok).toBe(false);
    expect(parseMetaWebhook({ object: 'page', entry: [] })).toEqual({ ok: true, channel: 'messenger', items: [] });
  });
});

describe('Meta webhook intake: Instagram', () => {
  it('reads Instagram items with the IGSID as customer, story replies and mentions as data, and unsends as deleted', () => {
    const at = { accountId: IG_ACCOUNT, customerId: IGSID };
    const body = metaWebhookBody('instagram', [
      {
        accountId: IG_ACCOUNT,
        items: [
          customerMessageItem({ ...at, mid: 'ig_1', text: '這件有M號嗎', timestamp: T + 1, replyToStory: { id: '17900000000000001', url: 'https://cdn.example/story.mp4' } }),
          storyMentionItem({ ...at, mid: 'ig_2', url: 'https://cdn.example/mention.jpg', timestamp: T + 2 }),
          deletedItem({ ...at, mid: 'ig_1', timestamp: T + 3 }),
          echoItem({ ...at, mid: 'ig_echo', text: '有的', timestamp: T + 4 }),
          reactionItem({ ...at, mid: 'ig_echo', action: 'unreact', timestamp: T + 5 }),
          { sender: { id: IGSID }, recipient: { id: IG_ACCOUNT }, timestamp: T + 6, read: { mid: 'ig_echo' } },
          customerMessageItem({ ...at, mid: 'ig_3', timestamp: T + 7, attachments: [{ type: 'ig_reel', payload: { url: 'https://cdn.example/reel', title: 'Reel', reel_video_id: '1' } }] }),
        ],
      },
    ]);
    const result = parseMetaWebhook(body);
    expect(result).toMatchObject({ ok: true, channel: 'instagram' });
    const items = itemsOf(body);
    expect(items.map((item) => item.kind)).toEqual(['message', 'message', 'deleted', 'echo', 'reaction', 'read', 'message']);
    expect(items.every((item) => item.channel === 'instagram' && item.customerId === IGSID && item.accountId === IG_ACCOUNT)).toBe(true);
    expect(items[0]).toMatchObject({ text: '這件有M號嗎', storyReply: { id: '17900000000000001', url: 'https://cdn.example/story.mp4' }, replyTo: null, storyMention: null });
    expect(items[1]).toMatchObject({ storyMention: { url: 'https://cdn.example/mention.jpg' }, attachments: [{ type: 'story_mention', url: 'https://cdn.example/mention.jpg' }] });
    // The unsend names the withdrawn message but must not dedupe against it.
    expect(items[2]).toMatchObject({ kind: 'deleted', mid: 'ig_1', dedupeKey: 'instagram:deleted:ig_1' });
    expect(items[0]!.dedupeKey).toBe('instagram:mid:ig_1');
    expect(items[4]).toMatchObject({ action: 'unreact', emoji: null });
    expect(items[5]).toMatchObject({ kind: 'read', mid: 'ig_echo', watermark: null });
    expect(items[6]).toMatchObject({ attachments: [{ type: 'ig_reel', url: 'https://cdn.example/reel', title: 'Reel', payload: { reel_video_id: '1' } }] });
  });
});
