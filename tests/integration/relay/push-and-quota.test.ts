import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('counted pushes, held-message actions and the monthly quota', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  beforeEach(async () => {
    h = await startRelayHarness({ lineRequestTimeoutMs: 2000 });
    agent = h.connect(0);
    await agent.hello;
  });
  afterEach(() => h.close());

  let counter = 0;
  const mutationId = () => `push-${Date.now()}-${(counter += 1)}`;

  async function customerWrites(userId: string, text: string) {
    const replyToken = h.fakeLine.issueReplyToken();
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text, replyToken, timestamp: h.clock.now() })]));
    expect(result.status).toBe(200);
    return { conversationId: `line:${userId}`, replyToken };
  }

  /** A conversation whose only token is 55 s old (stale by policy). */
  async function staleConversation() {
    const userId = fakeLineUserId();
    const { conversationId } = await customerWrites(userId, '請問什麼時候出貨？');
    h.clock.advance(55_000);
    return { userId, conversationId };
  }

  const send = (conversationId: string, text: string, push?: boolean) =>
    agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text, ...(push === undefined ? {} : { push }) } });

  it('a reply 55 s after the customer wrote is neither sent with the stale token nor pushed, then goes free', async () => {
    const { userId, conversationId } = await staleConversation();
    expect(await send(conversationId, '明天出貨')).toMatchObject({ ok: true, delivery: 'held', reason: 'no_fresh_token' });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);
    const { replyToken } = await customerWrites(userId, '好的謝謝');
    await waitFor(() => h.fakeLine.replies().length === 1, 'the free reply');
    expect(h.fakeLine.replies()[0]).toMatchObject({ status: 200, body: { replyToken, messages: [{ type: 'text', text: '明天出貨' }] } });
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('pushes with consent only when no free reply is possible, with a UUID retry key', async () => {
    const fresh = await customerWrites(fakeLineUserId(), '在嗎');
    expect(await send(fresh.conversationId, '在的', true)).toMatchObject({ delivery: 'sent_free' });
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const { userId, conversationId } = await staleConversation();
    const ack = await send(conversationId, '已為您安排出貨', true);
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_push', reason: null });
    const [push] = h.fakeLine.pushes();
    expect(push).toMatchObject({ status: 200, body: { to: userId, messages: [{ type: 'text', text: '已為您安排出貨' }] } });
    expect(push?.headers['x-line-retry-key']).toMatch(UUID);
    expect(h.fakeLine.totalUsage()).toBe(1);
    const updated = await waitFor(
      () => eventsOfType(agent.events, 'delivery.updated').find((event) => event.payload.delivery === 'sent_push'),
      'sent_push event',
    );
    expect(updated.conversationId).toBe(conversationId);
  });

  it('retries a push after 5xx with the same retry key; 409 on the retry counts as sent, once', async () => {
    const { conversationId } = await staleConversation();
    h.fakeLine.failNext('/v2/bot/message/push', 500, { message: 'Internal error' });
    const ack = await send(conversationId, '訂單已更新', true);
    expect(ack).toMatchObject({ delivery: 'sent_push' });
    const pushes = h.fakeLine.pushes();
    expect(pushes.map((request) => request.status)).toEqual([500, 200]);
    expect(pushes[1]?.headers['x-line-retry-key']).toBe(pushes[0]?.headers['x-line-retry-key']);
    expect(h.fakeLine.totalUsage()).toBe(1);

    // Three dropped connections: the outcome stays unknown. Pushing again reuses the stored key.
    const held = await send(conversationId, '第二則');
    expect(held).toMatchObject({ delivery: 'held' });
    const messageId = held.ok ? held.messageId : '';
    h.fakeLine.failNext('/v2/bot/message/push', 0);
    h.fakeLine.failNext('/v2/bot/message/push', 0);
    h.fakeLine.failNext('/v2/bot/message/push', 0);
    expect(await agent.mutate({ id: mutationId(), type: 'reply.push', payload: { messageId } })).toMatchObject({
      delivery: 'failed',
      reason: 'push_unconfirmed',
    });
    const firstKey = h.fakeLine.pushes().at(-1)?.headers['x-line-retry-key'];
    expect(await agent.mutate({ id: mutationId(), type: 'reply.push', payload: { messageId } })).toMatchObject({ delivery: 'sent_push' });
    expect(h.fakeLine.pushes().at(-1)?.headers['x-line-retry-key']).toBe(firstKey);
    expect(h.fakeLine.totalUsage()).toBe(2);
  });

  it('treats 409 "already accepted" as sent', async () => {
    const { conversationId } = await staleConversation();
    h.fakeLine.failNext('/v2/bot/message/push', 409, { message: 'The retry key is already accepted' });
    expect(await send(conversationId, '好的', true)).toMatchObject({ delivery: 'sent_push', reason: null });
    expect(h.fakeLine.pushes()).toHaveLength(1);
  });

  it('429 monthly limit: keeps the item held, stops pushing relay-wide, tells the agent, and a poll with room lifts it', async () => {
    const first = await staleConversation();
    expect(await send(first.conversationId, '第一則推播', true)).toMatchObject({ delivery: 'sent_push' });
    // LINE refuses the next push: the limit was reached elsewhere (another tool, a broadcast) before any poll saw it.
    h.fakeLine.failNext('/v2/bot/message/push', 429, { message: 'You have reached your monthly limit.' });
    const second = await staleConversation();
    expect(await send(second.conversationId, '第二則推播', true)).toMatchObject({ delivery: 'held', reason: 'quota_exhausted' });
    expect(h.fakeLine.pushes().map((request) => request.status)).toEqual([200, 429]);
    const blocked = await waitFor(
      () => eventsOfType(agent.events, 'quota.updated').find((event) => event.payload.blocked),
      'quota.updated blocked',
    );
    expect(blocked.payload).toMatchObject({ type: 'limited', blocked: true, plan: { id: 'light' } });

    // No further LINE push attempt while blocked: new consented replies are held at once.
    expect(await send(second.conversationId, '第三則', true)).toMatchObject({ delivery: 'held', reason: 'quota_exhausted' });
    const heldAck = await send(second.conversationId, '第四則');
    const pushAck = await agent.mutate({ id: mutationId(), type: 'reply.push', payload: { messageId: heldAck.ok ? heldAck.messageId : '' } });
    expect(pushAck).toMatchObject({ ok: false, code: 'QUOTA_EXHAUSTED' });
    expect(h.fakeLine.pushes()).toHaveLength(2);

    // The held items still go out free when the customer writes again.
    await customerWrites(second.userId, '請問呢？');
    await waitFor(() => h.fakeLine.replies().length === 1, 'held items released free');
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({
      messages: ['第二則推播', '第三則', '第四則'].map((text) => ({ type: 'text', text })),
    });

    // A bigger plan (or a new month): the next poll lifts the block.
    h.fakeLine.setQuota({ type: 'limited', value: 3000 });
    await h.relay.pollQuota();
    const lifted = await waitFor(
      () => eventsOfType(agent.events, 'quota.updated').find((event) => !event.payload.blocked && event.payload.limit === 3000),
      'quota.updated lifted',
    );
    expect(lifted.payload).toMatchObject({ used: 1, plan: { id: 'medium', includedMessages: 3000 } });
    expect(await h.relay.store.isQuotaBlocked()).toBe(false);
  });

  it('polls the quota into quota.updated events, appending nothing when nothing changed', async () => {
    await h.relay.pollQuota();
    await h.relay.pollQuota();
    const polls = eventsOfType(await collect(), 'quota.updated');
    expect(polls).toHaveLength(1);
    expect(polls[0]?.payload).toMatchObject({ type: 'limited', limit: 200, used: 0, blocked: false });
    const quotaRequests = h.fakeLine.requests.filter((request) => request.path.startsWith('/v2/bot/message/quota'));
    expect(quotaRequests.map((request) => request.path).sort()).toEqual([
      '/v2/bot/message/quota',
      '/v2/bot/message/quota',
      '/v2/bot/message/quota/consumption',
      '/v2/bot/message/quota/consumption',
    ]);
  });

  async function collect() {
    await waitFor(() => agent.events.length > 0, 'events');
    return agent.events;
  }

  it('cancels and edits held messages; refuses to change what already went out', async () => {
    const { userId, conversationId } = await staleConversation();
    const keep = await send(conversationId, '原本的文字');
    const drop = await send(conversationId, '不要送這則');
    const keepId = keep.ok ? keep.messageId : '';
    const dropId = drop.ok ? drop.messageId : '';
    expect(await agent.mutate({ id: mutationId(), type: 'reply.edit', payload: { messageId: keepId, text: '修改後的文字' } })).toMatchObject({
      ok: true,
      delivery: 'held',
    });
    expect(await agent.mutate({ id: mutationId(), type: 'reply.cancel', payload: { messageId: dropId } })).toMatchObject({
      ok: true,
      delivery: 'cancelled',
    });
    await customerWrites(userId, '嗨');
    await waitFor(() => h.fakeLine.replies().length === 1, 'release');
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({ messages: [{ type: 'text', text: '修改後的文字' }] });
    const edited = eventsOfType(agent.events, 'message.edited');
    expect(edited.map((event) => event.payload)).toEqual([expect.objectContaining({ messageId: keepId, text: '修改後的文字', agentName: 'Amy' })]);

    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').some((event) => event.payload.delivery === 'sent_free'), 'sent_free');
    expect(await agent.mutate({ id: mutationId(), type: 'reply.cancel', payload: { messageId: keepId } })).toMatchObject({
      ok: false,
      code: 'NOT_CHANGEABLE',
    });
    expect(await agent.mutate({ id: mutationId(), type: 'reply.edit', payload: { messageId: 'msg_nope', text: 'x' } })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_MESSAGE',
    });
    expect(await agent.mutate({ id: mutationId(), type: 'reply.edit', payload: { messageId: keepId, text: '  ' } })).toMatchObject({
      ok: false,
      code: 'INVALID_MUTATION',
    });
  });

  it('never auto-pushes after an ambiguous reply; the agent may push it (or cancel = ignore)', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '付款了');
    h.fakeLine.failNext('/v2/bot/message/reply', 500, { message: 'Internal error' });
    const ack = await send(conversationId, '收到款項，謝謝', true);
    expect(ack).toMatchObject({ delivery: 'failed', reason: 'line_unconfirmed' });
    expect(h.fakeLine.pushes()).toHaveLength(0);
    const messageId = ack.ok ? ack.messageId : '';
    expect(await agent.mutate({ id: mutationId(), type: 'reply.push', payload: { messageId } })).toMatchObject({ delivery: 'sent_push' });
    expect(h.fakeLine.pushes()).toHaveLength(1);
  });

  it('falls back to the policy after "Invalid reply token": consented → pushed, otherwise held', async () => {
    const { conversationId } = await customerWrites(fakeLineUserId(), '請問');
    h.fakeLine.failNext('/v2/bot/message/reply', 400, { message: 'Invalid reply token' });
    expect(await send(conversationId, '您好', true)).toMatchObject({ delivery: 'sent_push' });
    expect(h.fakeLine.pushes()).toHaveLength(1);
  });
});
