import { describe, expect, it } from 'vitest';
import { mapLineEvent, mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { followEvent, stickerMessageEvent, textMessageEvent } from '../../../src/demo/fake-line';

const USER = 'U0123456789abcdef0123456789abcd1f';

describe('LINE event mapping', () => {
  it('maps a text message with a reply token', () => {
    const event = textMessageEvent({ userId: USER, text: '請問有貨嗎', replyToken: 'tok-1', timestamp: 1000 });
    expect(mapLineEvent(event)).toEqual({
      channel: 'line',
      dedupeKey: `line:${event.webhookEventId}`,
      eventType: 'message',
      occurredAt: 1000,
      conversation: { id: `line:${USER}`, channel: 'line', accountId: '', customerId: USER, placeholderName: 'LINE 好友 cd1f', profileKey: USER },
      upsertConversation: true,
      message: { messageId: event.message.id, kind: 'text', text: '請問有貨嗎', markAsReadToken: null },
      echo: null,
      window: { kind: 'reply_token', token: 'tok-1' },
      channelEvent: null,
    });
  });

  it('uses readable stand-ins for non-text messages', () => {
    expect(mapLineEvent(stickerMessageEvent({ userId: USER })).message).toMatchObject({ kind: 'sticker', text: '[貼圖]' });
    const image = { ...textMessageEvent({ userId: USER, text: '' }), message: { id: '1', type: 'image' } };
    expect(mapLineEvent(image).message).toMatchObject({ kind: 'image', text: '[圖片]' });
    const file = { ...image, message: { id: '2', type: 'file', fileName: '訂單.pdf' } };
    expect(mapLineEvent(file).message?.text).toBe('[檔案：訂單.pdf]');
    const odd = { ...image, message: { id: '3', type: 'hologram' } };
    expect(mapLineEvent(odd).message).toMatchObject({ kind: 'hologram', text: '[hologram]' });
  });

  it('ignores the reply token of standby-mode events', () => {
    const event = textMessageEvent({ userId: USER, text: 'hi', replyToken: 'tok', mode: 'standby' });
    expect(mapLineEvent(event).window).toBeNull();
    expect(mapLineEvent(textMessageEvent({ userId: USER, text: 'hi', replyToken: 'tok' })).window).toEqual({ kind: 'reply_token', token: 'tok' });
  });

  it('keeps the markAsReadToken of active-mode messages only', () => {
    const active = textMessageEvent({ userId: USER, text: 'hi', markAsReadToken: 'read-1' });
    expect(mapLineEvent(active).message?.markAsReadToken).toBe('read-1');
    const standby = textMessageEvent({ userId: USER, text: 'hi', markAsReadToken: 'read-2', mode: 'standby' });
    expect(mapLineEvent(standby).message?.markAsReadToken).toBeNull();
  });

  it('names group and room conversations by their ids and skips profiles for them', () => {
    const base = textMessageEvent({ userId: USER, text: 'hi' });
    const group = mapLineEvent({ ...base, source: { type: 'group', groupId: 'Cgroup1234', userId: USER } });
    expect(group.conversation).toEqual({
      id: 'line:Cgroup1234',
      channel: 'line',
      accountId: '',
      customerId: 'Cgroup1234',
      placeholderName: 'LINE 群組 1234',
      profileKey: null,
    });
    const room = mapLineEvent({ ...base, source: { type: 'room', roomId: 'Rroom5678' } });
    expect(room.conversation?.id).toBe('line:Rroom5678');
  });

  it('maps follow to a conversation upsert plus a channel event, without keeping its token', () => {
    const mapped = mapLineEvent(followEvent({ userId: USER }));
    expect(mapped).toMatchObject({
      upsertConversation: true,
      message: null,
      window: null,
      channelEvent: { eventType: 'follow', summary: expect.stringContaining('加入好友') },
    });
  });

  it('keeps unknown and malformed events as channel events', () => {
    const unknown = mapLineEvent({ type: 'futureThing', timestamp: 5, webhookEventId: 'W1' });
    expect(unknown).toMatchObject({ dedupeKey: 'line:W1', conversation: null, channelEvent: { eventType: 'futureThing' } });
    const malformed = mapLineEvent({ type: 'message', timestamp: 5, source: 'not-an-object' });
    expect(malformed.channelEvent?.eventType).toBe('message');
    expect(malformed.dedupeKey).toMatch(/^line:sha256:[0-9a-f]{64}$/);
    expect(mapLineEvent({ type: 'message', timestamp: 5, source: 'not-an-object' }).dedupeKey).toBe(malformed.dedupeKey);
  });

  it('orders a body’s events by timestamp, stable for equal timestamps', () => {
    const events = [
      textMessageEvent({ userId: USER, text: 'c', timestamp: 30 }),
      textMessageEvent({ userId: USER, text: 'a1', timestamp: 10 }),
      textMessageEvent({ userId: USER, text: 'b', timestamp: 20 }),
      textMessageEvent({ userId: USER, text: 'a2', timestamp: 10 }),
    ];
    expect(mapLineEvents(events).map((item) => item.message?.text)).toEqual(['a1', 'a2', 'b', 'c']);
  });
});
