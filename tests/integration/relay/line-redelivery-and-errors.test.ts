import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from './harness';

describe('LINE edge cases on a real relay with the fake LINE', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness({ lineRequestTimeoutMs: 2000 });
  });
  afterEach(() => h.close());

  let counter = 0;
  const mutationId = () => `mut-${Date.now()}-${(counter += 1)}`;

  async function deliver(event: ReturnType<typeof textMessageEvent>) {
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]));
    expect(result.status).toBe(200);
  }

  it('a redelivery of an older event after a fresh message leaves the fresh token in use: the reply goes out free', async () => {
    const userId = fakeLineUserId();
    const conversationId = `line:${userId}`;
    const freshToken = h.fakeLine.issueReplyToken();
    await deliver(textMessageEvent({ userId, text: '請問有貨嗎', replyToken: freshToken, timestamp: h.clock.now() }));
    const agent = h.connect(0);
    await agent.hello;
    await waitFor(() => eventsOfType(agent.events, 'conversation.replyWindow').length === 1, 'the fresh window');

    // LINE redelivers a message from two minutes ago: new webhookEventId, old timestamp, its own token.
    const redeliveredToken = h.fakeLine.issueReplyToken();
    await deliver(
      textMessageEvent({ userId, text: '哈囉', replyToken: redeliveredToken, timestamp: h.clock.now() - 120_000, isRedelivery: true }),
    );
    const late = await waitFor(
      () => eventsOfType(agent.events, 'message.received').find((event) => event.payload.text === '哈囉'),
      'the redelivered message',
    );
    expect(late.payload.replyTokenReceivedAt).toBeNull();
    // No countdown for the dead token: the only window announced is the fresh one.
    expect(eventsOfType(agent.events, 'conversation.replyWindow')).toHaveLength(1);

    const ack = await agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text: '有的！' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free', reason: null });
    expect(h.fakeLine.replies().map((request) => [(request.body as { replyToken: string }).replyToken, request.status])).toEqual([
      [freshToken, 200],
    ]);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });
});
