import { describe, expect, it } from 'vitest';
import {
  fileMessageEvent,
  imageMessageEvent,
  locationMessageEvent,
  postbackEvent,
  richStickerMessageEvent,
  unfollowEvent,
  unsendEvent,
} from '../../../src/demo/fake-line';
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
      message: { messageId: event.message.id, kind: 'text', text: '請問有貨嗎', markAsReadToken: null, content: {}, download: null, quoteToken: event.message.quoteToken },
      memberProfileKey: null,
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

  it('names group and room conversations by their ids; a group by its summary, each line by its member', () => {
    const base = textMessageEvent({ userId: USER, text: 'hi' });
    const group = mapLineEvent({ ...base, source: { type: 'group', groupId: 'Cgroup1234', userId: USER } });
    expect(group.conversation).toEqual({
      id: 'line:Cgroup1234',
      channel: 'line',
      accountId: '',
      customerId: 'Cgroup1234',
      placeholderName: 'LINE 群組 1234',
      profileKey: 'group:Cgroup1234',
    });
    expect(group.message?.content).toEqual({ senderId: USER });
    expect(group.memberProfileKey).toBe(`member:Cgroup1234:${USER}`);
    const room = mapLineEvent({ ...base, source: { type: 'room', roomId: 'Rroom5678' } });
    expect(room.conversation).toMatchObject({ id: 'line:Rroom5678', profileKey: null });
    expect(room.memberProfileKey).toBeNull();
  });

  it('maps follow to a conversation upsert plus a channel event, keeping its reply token for a free welcome', () => {
    const mapped = mapLineEvent(followEvent({ userId: USER, replyToken: 'follow-token', isUnblocked: true }));
    expect(mapped).toMatchObject({
      upsertConversation: true,
      message: null,
      window: { kind: 'reply_token', token: 'follow-token' },
      channelEvent: { eventType: 'follow', summary: expect.stringContaining('加入好友'), details: { unblocked: true } },
    });
  });

  it('keeps a postback’s data, params and reply token; an unsend names the withdrawn message', () => {
    const source = { type: 'user' as const, userId: USER };
    const tap = mapLineEvent(postbackEvent({ source, data: 'action=track&order=SO1', params: { date: '2026-12-24' }, replyToken: 'tap-token' }));
    expect(tap).toMatchObject({
      upsertConversation: true,
      window: { kind: 'reply_token', token: 'tap-token' },
      channelEvent: { eventType: 'postback', details: { postback: { data: 'action=track&order=SO1', params: { date: '2026-12-24' } } } },
    });
    const unsent = mapLineEvent(unsendEvent({ source, messageId: '325708' }));
    expect(unsent).toMatchObject({ withdraw: { messageId: '325708' }, window: null, channelEvent: { eventType: 'unsend', details: { messageId: '325708' } } });
    expect(mapLineEvent(unfollowEvent({ source })).channelEvent).toMatchObject({ eventType: 'unfollow', summary: expect.stringContaining('封鎖') });
  });

  it('maps photos, files, stickers and locations to their content and what to download', () => {
    const source = { type: 'user' as const, userId: USER };
    const photo = mapLineEvent(imageMessageEvent({ source, messageId: '11', imageSet: { id: 'SET1', index: 2, total: 3 } }));
    expect(photo.message).toMatchObject({ kind: 'image', text: '[圖片]', content: { imageSet: { id: 'SET1', index: 2, total: 3 } } });
    expect(photo.message?.download).toEqual({ source: 'line', kind: 'image', platformMessageId: '11' });
    const external = mapLineEvent(
      imageMessageEvent({ source, contentProvider: { type: 'external', originalContentUrl: 'https://cdn.example/a.jpg', previewImageUrl: 'https://cdn.example/a-s.jpg' } }),
    );
    expect(external.message?.download).toBeNull();
    expect(external.message?.content?.media).toEqual({ url: 'https://cdn.example/a.jpg', contentType: 'image/*', previewUrl: 'https://cdn.example/a-s.jpg' });
    const file = mapLineEvent(fileMessageEvent({ source, messageId: '12', fileName: '退貨單.pdf', fileSize: 2048 }));
    expect(file.message).toMatchObject({ text: '[檔案：退貨單.pdf]', content: { file: { name: '退貨單.pdf', size: 2048 } }, download: { kind: 'file' } });
    const sticker = mapLineEvent(richStickerMessageEvent({ source, keywords: ['return', 'please'], text: '我要退貨', quotedMessageId: '99' }));
    expect(sticker.message).toMatchObject({
      kind: 'sticker',
      text: '我要退貨',
      content: { sticker: { packageId: '789', stickerId: '10855', resourceType: 'MESSAGE', keywords: ['return', 'please'], text: '我要退貨' }, quotedMessageId: '99' },
      download: null,
    });
    const place = mapLineEvent(locationMessageEvent({ source, title: '小日子 台北店', address: '台北市大安區復興南路一段 1 號', latitude: 25.0418, longitude: 121.5438 }));
    expect(place.message).toMatchObject({
      text: '[位置資訊：小日子 台北店]',
      content: { location: { title: '小日子 台北店', address: '台北市大安區復興南路一段 1 號', latitude: 25.0418, longitude: 121.5438 } },
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
