import { describe, expect, it } from 'vitest';
import { callbackBody, FAKE_BOT_USER_ID, fileMessageEvent, imageMessageEvent, locationMessageEvent, memberJoinedEvent, postbackEvent, richStickerMessageEvent, unfollowEvent, unsendEvent, videoMessageEvent, audioMessageEvent, fakeLineGroupId } from '../../../src/demo/fake-line';
import { messagingApiProblems, webhookProblems } from '../../fakes/line-openapi-validator';

const USER = 'U0000000000000000000000000000beef';

describe('the OpenAPI validators and the webhook builders', () => {
  it('accepts valid LINE message objects and refuses broken ones', () => {
    expect(messagingApiProblems('ImageMessage', { type: 'image', originalContentUrl: 'https://x.example/a.png', previewImageUrl: 'https://x.example/b.png' })).toEqual([]);
    expect(messagingApiProblems('ImageMessage', { type: 'image', originalContentUrl: 'https://x.example/a.png' })).not.toEqual([]);
    expect(messagingApiProblems('StickerMessage', { type: 'sticker', packageId: '446', stickerId: '1988' })).toEqual([]);
    expect(messagingApiProblems('StickerMessage', { type: 'sticker', packageId: 446 })).not.toEqual([]);
  });

  it('builds every rich webhook event as webhook.yml describes it', () => {
    const user = { type: 'user' as const, userId: USER };
    const group = { type: 'group' as const, groupId: fakeLineGroupId(), userId: USER };
    const events = [
      imageMessageEvent({ source: user, imageSet: { id: 'S', index: 1, total: 2 }, replyToken: 'r' }),
      imageMessageEvent({ source: group, contentProvider: { type: 'external', originalContentUrl: 'https://x.example/a.jpg', previewImageUrl: 'https://x.example/b.jpg' } }),
      videoMessageEvent({ source: user }),
      audioMessageEvent({ source: user }),
      fileMessageEvent({ source: user, fileName: 'a.pdf', fileSize: 10 }),
      locationMessageEvent({ source: user, title: 't', address: 'a', latitude: 25, longitude: 121 }),
      richStickerMessageEvent({ source: user, text: '我要退貨', keywords: ['return'] }),
      postbackEvent({ source: user, data: 'a=1', params: { date: '2026-12-24' } }),
      unfollowEvent({ source: user }),
      unsendEvent({ source: user, messageId: '1' }),
      memberJoinedEvent({ source: { type: 'group', groupId: group.groupId }, userIds: [USER] }),
    ];
    for (const event of events) expect(webhookProblems('Event', event), event.type).toEqual([]);
    expect(webhookProblems('CallbackRequest', callbackBody(FAKE_BOT_USER_ID, events))).toEqual([]);
    const image = events[0] as unknown as { message: unknown };
    expect(webhookProblems('ImageMessageContent', image.message)).toEqual([]);
    expect(webhookProblems('ImageMessageContent', { type: 'image', id: '1' })).not.toEqual([]);
    expect(webhookProblems('StickerMessageContent', (events[6] as unknown as { message: unknown }).message)).toEqual([]);
  });
});
