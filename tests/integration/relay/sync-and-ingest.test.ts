import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_BOT_USER_ID,
  callbackBody,
  fakeLineUserId,
  fakeWebhookEventId,
  postLineWebhook,
  stickerMessageEvent,
  textMessageEvent,
} from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, connectError, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from './harness';

describe('LINE webhook → event log → agents on /agent', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness();
  });
  afterEach(() => h.close());

  it('delivers a signed text message live: hello first, then an events frame with the text', async () => {
    const agent = h.connect(0);
    const hello = await agent.hello;
    expect(hello).toMatchObject({ protocol: 2, relayId: h.relay.store.relayId, headSeq: 0, agent: { name: 'Amy', role: 'agent' } });
    await waitFor(() => agent.frames.length > 0, 'the initial (empty) backlog frame');
    expect(agent.frames[0]).toMatchObject({ events: [], cursor: 0, more: false });

    const userId = fakeLineUserId();
    const replyToken = h.fakeLine.issueReplyToken();
    const result = await postLineWebhook(
      h.relay.url,
      CHANNEL_SECRET,
      callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '請問這件洋裝還有 M 號嗎？', replyToken })]),
    );
    expect(result).toEqual({ status: 200, body: {} });

    const received = await waitFor(() => eventsOfType(agent.events, 'message.received')[0], 'message.received');
    expect(received.conversationId).toBe(`line:${userId}`);
    expect(received.payload).toMatchObject({ kind: 'text', text: '請問這件洋裝還有 M 號嗎？', friendId: userId });
    expect(received.payload.replyTokenReceivedAt).toEqual(expect.any(Number));
    expect(agent.order[0]).toBe('hello');

    const upserts = eventsOfType(agent.events, 'conversation.upserted');
    expect(upserts[0]?.payload.displayName).toBe(`LINE 好友 ${userId.slice(-4)}`);
    const window = eventsOfType(agent.events, 'conversation.replyWindow')[0];
    expect(window?.payload.tokenReceivedAt).toBe(received.payload.replyTokenReceivedAt);
    // seq strictly increasing, no gaps
    const seqs = agent.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it('replaces the placeholder name with the LINE profile after answering', async () => {
    const userId = fakeLineUserId();
    h.fakeLine.setProfile(userId, { displayName: '林小姐', pictureUrl: 'https://profile.line-scdn.net/abc', language: 'zh-TW' });
    const agent = h.connect(0);
    await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '你好' })]));
    const named = await waitFor(
      () => eventsOfType(agent.events, 'conversation.upserted').find((event) => event.payload.displayName === '林小姐'),
      'profile upsert',
    );
    expect(named.payload.pictureUrl).toBe('https://profile.line-scdn.net/abc');
    const profileCalls = h.fakeLine.requests.filter((request) => request.path === `/v2/bot/profile/${userId}`);
    expect(profileCalls).toHaveLength(1);
    expect(profileCalls[0]?.headers.authorization).toBe('Bearer test-channel-access-token');

    // A second message within 24 h uses the cached profile: no second fetch, no second upsert.
    await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '在嗎' })]));
    await waitFor(() => eventsOfType(agent.events, 'message.received').length === 2, 'second message');
    expect(h.fakeLine.requests.filter((request) => request.path === `/v2/bot/profile/${userId}`)).toHaveLength(1);
  });

  it('stores a redelivered event once', async () => {
    const userId = fakeLineUserId();
    const webhookEventId = fakeWebhookEventId();
    const first = textMessageEvent({ userId, text: '訂單什麼時候出貨？', webhookEventId });
    const again = { ...first, deliveryContext: { isRedelivery: true } };
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [first]))).status).toBe(200);
    const headAfterFirst = await h.relay.store.headSeq();
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [again]))).status).toBe(200);
    expect(await h.relay.store.headSeq()).toBe(headAfterFirst);

    const agent = h.connect(0);
    await waitFor(() => agent.frames.some((frame) => frame.more === false), 'backlog');
    expect(eventsOfType(agent.events, 'message.received')).toHaveLength(1);
  });

  it('applies events of one body in timestamp order and keeps unknown event types', async () => {
    const userId = fakeLineUserId();
    const t = Date.now();
    const body = callbackBody(FAKE_BOT_USER_ID, [
      textMessageEvent({ userId, text: '第二則', timestamp: t + 10 }),
      stickerMessageEvent({ userId, timestamp: t + 5 }),
      textMessageEvent({ userId, text: '第一則', timestamp: t }),
      { type: 'somethingNew', timestamp: t + 20, webhookEventId: fakeWebhookEventId(), mode: 'active', deliveryContext: { isRedelivery: false } },
    ]);
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, body)).status).toBe(200);
    const agent = h.connect(0);
    await waitFor(() => agent.frames.some((frame) => frame.more === false), 'backlog');
    expect(eventsOfType(agent.events, 'message.received').map((event) => event.payload.text)).toEqual(['第一則', '[貼圖]', '第二則']);
    expect(eventsOfType(agent.events, 'channel.event')[0]?.payload).toMatchObject({ eventType: 'somethingNew' });
  });

  it('sends the backlog after the cursor in pages and answers pull', async () => {
    const userId = fakeLineUserId();
    const events = Array.from({ length: 1100 }, (_, index) => textMessageEvent({ userId, text: `訊息 ${index}`, timestamp: 1_700_000_000_000 + index }));
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, events))).status).toBe(200);
    const head = await h.relay.store.headSeq();
    expect(head).toBe(1101); // one upsert + 1100 messages (no tokens)

    const agent = h.connect(0);
    await waitFor(() => agent.frames.some((frame) => frame.more === false), 'full backlog');
    expect(agent.frames.map((frame) => [frame.events.length, frame.more])).toEqual([
      [500, true],
      [500, true],
      [101, false],
    ]);
    expect(agent.frames.map((frame) => frame.cursor)).toEqual([500, 1000, 1101]);
    expect(agent.events.map((event) => event.seq)).toEqual(Array.from({ length: head }, (_, index) => index + 1));

    const late = h.connect(200);
    await waitFor(() => late.frames.some((frame) => frame.more === false), 'backlog after cursor 200');
    expect(late.events[0]?.seq).toBe(201);
    expect(late.events).toHaveLength(head - 200);

    const framesBeforePull = late.frames.length;
    late.socket.emit('pull', { cursor: 1050 });
    await waitFor(() => late.frames.length > framesBeforePull, 'answer to pull');
    expect(late.frames[framesBeforePull]?.events[0]?.seq).toBe(1051);
    expect(late.frames[framesBeforePull]?.cursor).toBe(head);
  });

  it('refuses bad tokens, other protocol versions and malformed handshakes', async () => {
    expect(await connectError(h.relay.url, { token: 'sia_not-a-real-token', cursor: 0, protocol: 2 })).toBe('unauthorized');
    expect(await connectError(h.relay.url, { cursor: 0, protocol: 2 })).toBe('unauthorized');
    expect(await connectError(h.relay.url, { token: h.agentToken, cursor: 0, protocol: 1 })).toBe('protocol_unsupported');
    expect(await connectError(h.relay.url, { token: h.agentToken, cursor: -1, protocol: 2 })).toBe('bad_handshake');
    await h.relay.store.revokeAgentTokens('Amy', Date.now());
    expect(await connectError(h.relay.url, { token: h.agentToken, cursor: 0, protocol: 2 })).toBe('unauthorized');
  });
});
