import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, startRelayHarness, type RelayHarness } from './harness';

/** LINE's rate limit (429) on a free reply, and the details LINE gives when it refuses a request. */
let h: RelayHarness;
beforeEach(async () => {
  h = await startRelayHarness();
});
afterEach(() => h.close());

async function customerWrites(userId: string): Promise<string> {
  const replyToken = h.fakeLine.issueReplyToken();
  const event = textMessageEvent({ userId, text: '請問還有貨嗎', replyToken, timestamp: h.clock.now() });
  expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
  return replyToken;
}

describe('LINE reply errors', () => {
  it('tries a rate-limited reply again with backoff while its token is valid, and it goes out free', async () => {
    const userId = fakeLineUserId();
    const token = await customerWrites(userId);
    h.fakeLine.failNext('/v2/bot/message/reply', 429, { message: 'Too Many Requests' });
    h.fakeLine.failNext('/v2/bot/message/reply', 429, { message: 'Too Many Requests' });
    const agent = h.connect(0);
    await agent.hello;
    const ack = await agent.mutate({ id: 'rate-limited-reply-1', type: 'reply.send', payload: { conversationId: `line:${userId}`, text: '有的喔！' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free', reason: null });
    const calls = h.fakeLine.replies();
    expect(calls.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(calls.every((call) => (call.body as { replyToken: string }).replyToken === token)).toBe(true);
    expect(calls[2]!.receivedAt - calls[0]!.receivedAt).toBeGreaterThanOrEqual(1_400); // 0.5 s + 1 s of backoff
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('holds a reply LINE still rate-limits when the token’s free window has no room left to wait', async () => {
    const userId = fakeLineUserId();
    await customerWrites(userId);
    h.clock.advance(49_700); // 0.3 s of the 50 s window left: less than the first pause
    h.fakeLine.failNext('/v2/bot/message/reply', 429, { message: 'Too Many Requests' });
    const agent = h.connect(0);
    await agent.hello;
    const ack = await agent.mutate({ id: 'rate-limited-reply-2', type: 'reply.send', payload: { conversationId: `line:${userId}`, text: '有的喔！' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'held', reason: 'line_rate_limited' });
    expect(h.fakeLine.replies()).toHaveLength(1);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('keeps LINE’s error details in the failure reason the agent sees', async () => {
    const userId = fakeLineUserId();
    await customerWrites(userId);
    h.fakeLine.failNext('/v2/bot/message/reply', 400, {
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 0 and 5000', property: 'messages[0].text' }],
    });
    const agent = h.connect(0);
    await agent.hello;
    const ack = await agent.mutate({ id: 'refused-reply-1', type: 'reply.send', payload: { conversationId: `line:${userId}`, text: '好的' } });
    expect(ack).toMatchObject({
      ok: true,
      delivery: 'failed',
      reason: 'line_refused:400:The request body has 1 error(s) (messages[0].text: Length must be between 0 and 5000)',
    });
  });
});
