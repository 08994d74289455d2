import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';

const EMOJI = '😀'; // outside the BMP: 2 UTF-16 code units, as LINE counts

describe('reply text length as LINE counts it (UTF-16 code units, at most 5,000)', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  beforeEach(async () => {
    h = await startRelayHarness({ lineRequestTimeoutMs: 2000 });
    agent = h.connect(0);
    await agent.hello;
  });
  afterEach(() => h.close());

  let counter = 0;
  const mutationId = () => `len-${Date.now()}-${(counter += 1)}`;

  async function customerWrites(userId: string) {
    const replyToken = h.fakeLine.issueReplyToken();
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '在嗎？', replyToken, timestamp: h.clock.now() })]));
    expect(result.status).toBe(200);
    return `line:${userId}`;
  }

  const send = (conversationId: string, text: string) => agent.mutate({ id: mutationId(), type: 'reply.send', payload: { conversationId, text } });

  it('refuses 2,600 emoji (5,200 units) without calling LINE or storing anything, and sends 2,500 emoji', async () => {
    const conversationId = await customerWrites(fakeLineUserId());
    expect(await send(conversationId, EMOJI.repeat(2600))).toEqual({
      ok: false,
      code: 'INVALID_MUTATION',
      message: 'Invalid reply.send: LINE text messages are at most 5,000 UTF-16 code units (an emoji counts 2); this one is 5,200',
    });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);

    // The reply token is still unused, so the next (fitting) reply goes out free with it.
    expect(await send(conversationId, EMOJI.repeat(2500))).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({ messages: [{ type: 'text', text: EMOJI.repeat(2500) }] });
    const sent = eventsOfType(agent.events, 'message.sent');
    expect(sent.map((event) => event.payload.text)).toEqual([EMOJI.repeat(2500)]);
  });

  it('sends 5,000 characters of the BMP (Chinese counts 1)', async () => {
    const conversationId = await customerWrites(fakeLineUserId());
    expect(await send(conversationId, '好'.repeat(5000))).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({ messages: [{ type: 'text', text: '好'.repeat(5000) }] });
  });

  it('refuses an edit of a held message to 2,600 emoji and keeps its text', async () => {
    const userId = fakeLineUserId();
    const conversationId = await customerWrites(userId);
    h.clock.advance(55_000); // the token is stale by policy: the reply is held
    const held = await send(conversationId, '原本的文字');
    expect(held).toMatchObject({ ok: true, delivery: 'held' });
    const messageId = held.ok ? held.messageId : '';
    expect(await agent.mutate({ id: mutationId(), type: 'reply.edit', payload: { messageId, text: EMOJI.repeat(2600) } })).toMatchObject({
      ok: false,
      code: 'INVALID_MUTATION',
      message: expect.stringContaining('5,200'),
    });
    expect(await agent.mutate({ id: mutationId(), type: 'reply.edit', payload: { messageId, text: EMOJI.repeat(2500) } })).toMatchObject({
      ok: true,
      delivery: 'held',
    });
    await waitFor(() => eventsOfType(agent.events, 'message.edited').length > 0, 'the edit to reach the agent');
    expect(eventsOfType(agent.events, 'message.edited').map((event) => event.payload.text)).toEqual([EMOJI.repeat(2500)]);
    await customerWrites(userId);
    await waitFor(() => h.fakeLine.replies().length === 1, 'the held reply released free');
    expect(h.fakeLine.replies()[0]?.body).toMatchObject({ messages: [{ type: 'text', text: EMOJI.repeat(2500) }] });
  });
});
