import { describe, expect, it } from 'vitest';
import {
  customerMessageItem,
  deletedItem,
  deliveryItem,
  echoItem,
  metaWebhookBody,
  postbackItem,
  reactionItem,
  readItem,
  storyMentionItem,
} from '../../../../src/demo/fake-meta';
import { mapMetaIntakeItems } from '../../../../src/relay/channels/meta/inbound-mapper';
import { parseMetaWebhook } from '../../../../src/relay/channels/meta/intake';
import type { InboundItem } from '../../../../src/relay/store/channel-store-types';

const PAGE = '106498375123456';
const PSID = '6543210987654321';
const IG_ACCOUNT = '17841400000000001';
const IGSID = '1234567890123456';
const T = 1_700_000_000_000;

function mapped(body: unknown): InboundItem[] {
  const result = parseMetaWebhook(body);
  if (!result.ok) throw new Error(result.error);
  return mapMetaIntakeItems(result.items);
}

const messengerConversation = {
  channel: 'messenger',
  accountId: PAGE,
  customerId: PSID,
  id: `messenger:${PAGE}:${PSID}`,
  placeholderName: 'Messenger 顧客 4321',
  profileKey: PSID,
};
const between = { accountId: PAGE, customerId: PSID };

describe('Meta intake items → the store’s inbound items', () => {
  it('makes a customer’s text message a message in the page’s conversation that opens the window at Meta’s time', () => {
    const [item] = mapped(metaWebhookBody('messenger', [{ accountId: PAGE, items: [customerMessageItem({ ...between, text: '還有貨嗎？', mid: 'm_1', timestamp: T })] }]));
    expect(item).toEqual({
      channel: 'messenger',
      dedupeKey: 'messenger:mid:m_1',
      eventType: 'message',
      occurredAt: T,
      conversation: messengerConversation,
      upsertConversation: true,
      message: { messageId: 'm_1', kind: 'text', text: '還有貨嗎？' },
      echo: null,
      window: { kind: 'customer_message' },
      channelEvent: null,
    });
  });

  it('gives attachments the same readable stand-ins as LINE, after any text', () => {
    const items = mapped(
      metaWebhookBody('messenger', [
        {
          accountId: PAGE,
          items: [
            customerMessageItem({ ...between, mid: 'm_img', timestamp: T, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/1.jpg' } }] }),
            customerMessageItem({ ...between, mid: 'm_sticker', timestamp: T + 1, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/s.png', sticker_id: 369239263222822 } }] }),
            customerMessageItem({
              ...between,
              mid: 'm_two',
              timestamp: T + 2,
              text: '這兩個',
              attachments: [
                { type: 'video', payload: { url: 'https://cdn.example/v.mp4' } },
                { type: 'audio', payload: { url: 'https://cdn.example/a.mp4' } },
              ],
            }),
            customerMessageItem({ ...between, mid: 'm_file', timestamp: T + 3, attachments: [{ type: 'file', payload: { url: 'https://cdn.example/f.pdf' } }] }),
            customerMessageItem({ ...between, mid: 'm_new', timestamp: T + 4, attachments: [{ type: 'something_new', payload: null }] }),
          ],
        },
      ]),
    );
    expect(items.map((item) => [item.message?.kind, item.message?.text])).toEqual([
      ['image', '[圖片]'],
      ['sticker', '[貼圖]'],
      ['video', '這兩個 [影片] [語音訊息]'],
      ['file', '[檔案]'],
      ['something_new', '[something_new]'],
    ]);
  });

  it('downloads a photo or file attachment from its CDN URL (stickers stay stand-ins) and shows what a reply quotes', () => {
    const items = mapped(
      metaWebhookBody('messenger', [
        {
          accountId: PAGE,
          items: [
            customerMessageItem({ ...between, mid: 'm_photo', timestamp: T, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/1.jpg' } }] }),
            customerMessageItem({ ...between, mid: 'm_file', timestamp: T + 1, attachments: [{ type: 'file', payload: { url: 'https://cdn.example/%E5%96%AE.pdf' } }] }),
            customerMessageItem({ ...between, mid: 'm_sticker', timestamp: T + 2, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/s.png', sticker_id: 369239263222822 } }] }),
            customerMessageItem({ ...between, mid: 'm_reply', timestamp: T + 3, text: '這件', replyToMid: 'm_photo' }),
          ],
        },
      ]),
    );
    expect(items[0]!.message).toMatchObject({ download: { source: 'url', kind: 'image', url: 'https://cdn.example/1.jpg' } });
    expect(items[1]!.message).toMatchObject({ download: { kind: 'file' }, content: { file: { name: '單.pdf' } } });
    expect(items[2]!.message?.download).toBeUndefined();
    expect(items[3]!.message).toMatchObject({ text: '這件', content: { quotedMessageId: 'm_photo' } });
  });

  it('shows Instagram story replies and story mentions as customer messages in the Instagram conversation', () => {
    const items = mapped(
      metaWebhookBody('instagram', [
        {
          accountId: IG_ACCOUNT,
          items: [
            customerMessageItem({ accountId: IG_ACCOUNT, customerId: IGSID, mid: 'ig_1', timestamp: T, text: '這件還有嗎', replyToStory: { id: 'st_1', url: 'https://cdn.example/story.jpg' } }),
            storyMentionItem({ accountId: IG_ACCOUNT, customerId: IGSID, mid: 'ig_2', timestamp: T + 1, url: 'https://cdn.example/mention.jpg' }),
          ],
        },
      ]),
    );
    expect(items[0]!.conversation).toEqual({
      channel: 'instagram',
      accountId: IG_ACCOUNT,
      customerId: IGSID,
      id: `instagram:${IG_ACCOUNT}:${IGSID}`,
      placeholderName: 'Instagram 顧客 3456',
      profileKey: IGSID,
    });
    expect(items.map((item) => [item.dedupeKey, item.message?.kind, item.message?.text, item.window?.kind])).toEqual([
      ['instagram:mid:ig_1', 'story_reply', '[回覆限時動態] 這件還有嗎', 'customer_message'],
      ['instagram:mid:ig_2', 'story_mention', '[在限時動態中提到你]', 'customer_message'],
    ]);
  });

  it('turns the page’s own messages from other tools into echoes, never customer messages, opening no window', () => {
    const [item] = mapped(metaWebhookBody('messenger', [{ accountId: PAGE, items: [echoItem({ ...between, mid: 'm_echo', text: '已寄出', timestamp: T })] }]));
    expect(item).toMatchObject({
      dedupeKey: 'messenger:mid:m_echo',
      conversation: messengerConversation,
      upsertConversation: true,
      message: null,
      echo: { platformMessageId: 'm_echo', text: '已寄出' },
      window: null,
      channelEvent: null,
    });
  });

  it('keeps reads, deliveries, reactions, unsends and postbacks as channel events; a postback opens the window', () => {
    const items = mapped(
      metaWebhookBody('messenger', [
        {
          accountId: PAGE,
          items: [
            readItem({ ...between, watermark: T, timestamp: T + 1 }),
            deliveryItem({ ...between, watermark: T, mids: ['m_a', 'm_b'], timestamp: T + 2 }),
            reactionItem({ ...between, mid: 'm_a', action: 'react', emoji: '❤️', timestamp: T + 3 }),
            reactionItem({ ...between, mid: 'm_a', action: 'unreact', timestamp: T + 4 }),
            deletedItem({ ...between, mid: 'm_c', timestamp: T + 5 }),
            postbackItem({ ...between, title: '查訂單', payload: 'ORDER_LOOKUP', mid: 'm_pb', timestamp: T + 6 }),
          ],
        },
      ]),
    );
    expect(items.map((item) => [item.eventType, item.channelEvent?.summary, item.upsertConversation, item.window?.kind ?? null, item.message])).toEqual([
      ['read', '顧客已讀訊息', false, null, null],
      ['delivery', '已送達 2 則訊息', false, null, null],
      ['reaction', '對一則訊息按了 ❤️', false, null, null],
      ['reaction', '收回了對訊息的表情', false, null, null],
      ['deleted', '收回了一則訊息', false, null, null],
      ['postback', '點選了按鈕：查訂單', true, 'customer_message', null],
    ]);
    expect(items.every((item) => item.conversation?.id === messengerConversation.id)).toBe(true);
    expect(items[4]!.dedupeKey).toBe('messenger:deleted:m_c');
  });

  it('keeps unknown items with what is known about them, and a standby message opens no window', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: T,
          messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T, optin: { ref: 'landing' } }],
          standby: [customerMessageItem({ ...between, mid: 'm_standby', text: '在嗎', timestamp: T + 1 })],
        },
      ],
    };
    const [unknown, standby] = mapped(body);
    expect(unknown).toMatchObject({
      eventType: 'unknown',
      conversation: messengerConversation,
      upsertConversation: false,
      message: null,
      channelEvent: { eventType: 'unknown', summary: 'Messenger 事件：kind: optin' },
    });
    expect(unknown!.dedupeKey).toMatch(/^messenger:sha256:/);
    expect(standby).toMatchObject({ message: { messageId: 'm_standby', text: '在嗎' }, window: null, upsertConversation: true });
  });
});
