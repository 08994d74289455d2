import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from './harness';

const AMBIGUOUS = 'line_unconfirmed';

describe('reply.send: free replies with the webhook reply token', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness({ lineRequestTimeoutMs: 2000 });
  });
  afterEach(() => h.close());

  /** The customer writes; returns the conversation id and the reply token LINE issued. */
  async function customerWrites(userId: string, text: string) {
    const replyToken = h.fakeLine.issueReplyToken();
    const result = await postLineWebhook(
      h.relay.url,
      CHANNEL_SECRET,
      callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text, replyToken, timestamp: h.clock.now() })]),
    );
    expect(result.status).toBe(200);
    return { conversationId: `line:${userId}`, replyToken };
  }

  let mutationCounter = 0;
  const mutationId = () => `mut-${Date.now()}-${(mutationCounter += 1)}`;

  it('replies with exactly the webhook token and the channel access token', async () => {
    const { conversationId, replyToken } = await customerWrites(fakeLineUserId(), '請問運費多少？');
    const agent = h.connect(0);
    await agent.hello;
    const id = mutationId();
    const ack = await agent.mutate({ id, type: 'reply.send', payload: { conversationId, text: '滿 990 免運喔！' } });
    expect(ack).toEqual({ ok: true, messageId: expect.any(String), delivery: 'sent_free', reason: null });

    const replies = h.fakeLine.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.headers.authorization).toBe('Bearer test-channel-access-token');
    expect(replies[0]?.body).toEqual({ replyToken, messages: [{ type: 'text', text: '滿 990 免運喔！' }] });
    expect(replies[0]?.status).toBe(200);
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const sent = await waitFor(() => eventsOfType(agent.events, 'message.sent')[0], 'message.sent');
    expect(sent.payload).toMatchObject({ mutationId: id, delivery: 'sending', agentName: 'Amy', text: '滿 990 免運喔！' });
    const updated = await waitFor(() => eventsOfType(agent.events, 'delivery.updated')[0], 'delivery.updated');
    expect(updated.payload).toMatchObject({ mutationId: id, delivery: 'sent_free' });
    const windows = eventsOfType(agent.events, 'conversation.replyWindow').map((event) => event.payload.tokenReceivedAt);
    expect(windows[windows.length - 1]).toBeNull();
  });

  it('answers a repeated mutation id with the first answer and calls LINE once', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '有現貨嗎？');
    const agent = h.connect(0);
    await agent.hello;
    const frame = { id: mutationId(), type: 'reply.send', payload: { conversationId, text: '有的，今天下單明天到！' } };
    // Two copies in flight at once, then a third after the first finished.
    const [first, concurrent] = await Promise.all([agent.mutate(frame), agent.mutate(frame)]);
    const later = await agent.mutate(frame);
    expect(concurrent).toEqual(first);
    expect(later).toEqual(first);
    expect(first).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(h.fakeLine.replies()).toHaveLength(1);
    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').length === 1, 'one delivery update');
    expect(eventsOfType(agent.events, 'message.sent')).toHaveLength(1);
  });

  it('holds a reply when the token is 55 s old, then sends it with the customer’s next token', async () => {
    const userId = fakeLineUserId();
    const { conversationId, replyToken: oldToken } = await customerWrites(userId, '我想退貨');
    const agent = h.connect(0);
    await agent.hello;
    h.clock.advance(55_000);

    const id = mutationId();
    const ack = await agent.mutate({ id, type: 'reply.send', payload: { conversationId, text: '好的，請提供訂單編號' } });
    expect(ack).toEqual({ ok: true, messageId: expect.any(String), delivery: 'held', reason: 'no_fresh_token' });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);
    const heldEvent = await waitFor(() => eventsOfType(agent.events, 'message.sent')[0], 'held message.sent');
    expect(heldEvent.payload.delivery).toBe('held');

    const { replyToken: newToken } = await customerWrites(userId, '訂單編號是 TW20240501');
    const released = await waitFor(
      () => eventsOfType(agent.events, 'delivery.updated').find((event) => event.payload.delivery === 'sent_free'),
      'held reply released',
    );
    expect(released.payload).toMatchObject({ mutationId: id, messageId: ack.ok ? ack.messageId : '' });
    const replies = h.fakeLine.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toEqual({ replyToken: newToken, messages: [{ type: 'text', text: '好的，請提供訂單編號' }] });
    expect(newToken).not.toBe(oldToken);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('releases at most five held replies per token, oldest first', async () => {
    const userId = fakeLineUserId();
    const { conversationId } = await customerWrites(userId, '在嗎？');
    const agent = h.connect(0);
    await agent.hello;
    h.clock.advance(60_000);
    for (let index = 1; index <= 7; index += 1) {
      const ack = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text: `回覆 ${index}` } });
      expect(ack).toMatchObject({ delivery: 'held' });
    }
    const { replyToken: secondToken } = await customerWrites(userId, '在');
    await waitFor(() => h.fakeLine.replies().length === 1 && eventsOfType(agent.events, 'delivery.updated').filter((e) => e.payload.delivery === 'sent_free').length === 5, 'first batch');
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({
      replyToken: secondToken,
      messages: ['回覆 1', '回覆 2', '回覆 3', '回覆 4', '回覆 5'].map((text) => ({ type: 'text', text })),
    });
    const { replyToken: thirdToken } = await customerWrites(userId, '還有嗎');
    await waitFor(() => h.fakeLine.replies().length === 2, 'second batch');
    expect(h.fakeLine.replies()[1]?.body).toMatchObject({
      replyToken: thirdToken,
      messages: [{ type: 'text', text: '回覆 6' }, { type: 'text', text: '回覆 7' }],
    });
  });

  it('marks a reply failed (never pushed) when LINE answers 500', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '付款失敗怎麼辦');
    const agent = h.connect(0);
    await agent.hello;
    h.fakeLine.failNext('/v2/bot/message/reply', 500, { message: 'Internal error' });
    const ack = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text: '請再試一次' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'failed', reason: AMBIGUOUS });
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('marks a reply failed when the connection to LINE drops', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '你好');
    const agent = h.connect(0);
    await agent.hello;
    h.fakeLine.failNext('/v2/bot/message/reply', 0);
    const ack = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text: '您好' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'failed', reason: AMBIGUOUS });
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('holds a reply LINE refuses with "Invalid reply token"', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '請問營業時間');
    const agent = h.connect(0);
    await agent.hello;
    h.fakeLine.failNext('/v2/bot/message/reply', 400, { message: 'Invalid reply token' });
    const ack = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text: '每天 10 點到 22 點' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'held', reason: expect.stringContaining('closed') });
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('rejects unknown conversations, unknown types and bad payloads with clear codes', async () => {
    const agent = h.connect(0);
    await agent.hello;
    expect(await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId: 'line:Unobody', text: 'hi' } })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CONVERSATION',
    });
    expect(await agent.mutate({ id: mutationId(), type: 'tags.add', payload: {} })).toMatchObject({ ok: false, code: 'UNKNOWN_MUTATION' });
    const empty = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId: 'line:U1', text: '   ' } });
    expect(empty).toMatchObject({ ok: false, code: 'INVALID_MUTATION', message: expect.stringContaining('Reply text is empty') });
    expect(await agent.mutate({ id: 'short', type: 'reply.send', payload: {} })).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
    expect(h.fakeLine.replies()).toHaveLength(0);
  });
});
