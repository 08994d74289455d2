import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { openTempStore, type TempStore } from './store-fixture';
import { recordInbound } from '../../support/inbound';

const USER = 'U0123456789abcdef0123456789abcdef';

describe('storing LINE events', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = await openTempStore();
  });
  afterEach(() => fixture.dispose());

  it('stores a webhookEventId once, also across redeliveries and within one body', async () => {
    const event = textMessageEvent({ userId: USER, text: '你好', replyToken: 'tok-1', timestamp: 100 });
    const first = await recordInbound(fixture.store, mapLineEvents([event, event]), 1_000);
    expect(first.duplicates).toBe(1);
    expect(first.appended.map((e) => e.type)).toEqual(['conversation.upserted', 'message.received', 'conversation.replyWindow']);
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
    const second = await recordInbound(fixture.store, mapLineEvents([redelivered]), 2_000);
    expect(second).toMatchObject({ appended: [], duplicates: 1, conversationsWithNewWindow: [] });
    expect(await fixture.store.headSeq()).toBe(3);
  });

  it('upserts a conversation only the first time and keeps each message’s token', async () => {
    const a = textMessageEvent({ userId: USER, text: '一', replyToken: 'tok-a', timestamp: 100 });
    const b = textMessageEvent({ userId: USER, text: '二', replyToken: 'tok-b', timestamp: 200 });
    const result = await recordInbound(fixture.store, mapLineEvents([a, b]), 1_000);
    expect(result.appended.filter((e) => e.type === 'conversation.upserted')).toHaveLength(1);
    expect(result.conversationsWithNewWindow).toEqual([`line:${USER}`]);
    expect(result.profileCandidates).toEqual([{ channel: 'line', profileKey: USER, conversationId: `line:${USER}` }]);
    const received = result.appended.filter((e) => e.type === 'message.received');
    expect(received.map((e) => e.occurredAt)).toEqual([100, 200]);
    expect(await fixture.store.getConversation(`line:${USER}`)).toMatchObject({ displayName: 'LINE 好友 cdef', pictureUrl: null });
  });

  it('reads events back by cursor in seq order', async () => {
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: USER, text: 'x', timestamp: 1 })]), 10);
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: USER, text: 'y', timestamp: 2 })]), 20);
    expect((await fixture.store.readEvents(0, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await fixture.store.readEvents(1, 1)).map((e) => e.seq)).toEqual([2]);
    expect(await fixture.store.readEvents(3, 10)).toEqual([]);
  });

  it('notifies listeners after appending', async () => {
    const heads: number[] = [];
    fixture.store.onEventsAppended((head) => heads.push(head));
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: USER, text: 'x', timestamp: 1 })]), 10);
    expect(heads).toEqual([2]);
  });
});
