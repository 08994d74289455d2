import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from '../relay/harness';

/** A mutation that arrives more than once — duplicated frames, a retry after a lost ack — has one effect. */
describe('a mutation delivered twice', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness();
  });
  afterEach(() => h.close());

  async function conversationWithFreshToken(): Promise<string> {
    const userId = fakeLineUserId();
    const event = textMessageEvent({ userId, text: '請問還有貨嗎', replyToken: h.fakeLine.issueReplyToken() });
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
    return `line:${userId}`;
  }

  async function effects(mutationId: string) {
    const log = await h.relay.store.readEvents(0, 10_000);
    return {
      sentEvents: eventsOfType(log, 'message.sent').filter((event) => event.payload.mutationId === mutationId).length,
      lineCalls: h.fakeLine.replies().length,
      pushes: h.fakeLine.pushes().length,
    };
  }

  it('duplicated frames on one socket and a copy on a second connection: one reply, one LINE call', async () => {
    const conversationId = await conversationWithFreshToken();
    const frame = { id: 'dup-frames-1', type: 'reply.send', payload: { conversationId, text: '有的，今天出貨' } };
    const a = h.connect(0);
    const b = h.connect(0);
    await Promise.all([a.hello, b.hello]);
    const answers = await Promise.all([a.mutate(frame), a.mutate(frame), b.mutate(frame), a.mutate(frame)]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(await effects(frame.id)).toEqual({ sentEvents: 1, lineCalls: 1, pushes: 0 });
  });

  it('the ack is lost (connection dropped before it arrived); the retry on a new connection gets the first answer', async () => {
    const conversationId = await conversationWithFreshToken();
    const frame = { id: 'lost-ack-1', type: 'reply.send', payload: { conversationId, text: '已為您保留' } };
    const first = h.connect(0);
    await first.hello;
    // The client gives up on the ack as soon as the relay has the mutation (its answer is dropped with the socket).
    first.socket.emit('mutate', frame, () => undefined);
    await waitFor(async () => await h.relay.store.getMutation(frame.id) !== null, 'the relay to receive the mutation');
    first.close();
    await waitFor(async () => (await h.relay.store.getMutation(frame.id))?.state === 'done', 'the first attempt to finish');
    const retry = h.connect(0);
    await retry.hello;
    const answer = await retry.mutate(frame);
    expect(answer).toEqual((await h.relay.store.getMutation(frame.id))?.answer);
    expect(answer).toMatchObject({ ok: true, delivery: 'sent_free' });
    // The retry changes nothing.
    expect(await effects(frame.id)).toEqual({ sentEvents: 1, lineCalls: 1, pushes: 0 });
  });

  it('the same id with different text is refused (ID_REUSED) and sends nothing; the first reply stands', async () => {
    const conversationId = await conversationWithFreshToken();
    const agent = h.connect(0);
    await agent.hello;
    const first = await agent.mutate({ id: 'same-id-1', type: 'reply.send', payload: { conversationId, text: '第一版' } });
    const again = await agent.mutate({ id: 'same-id-1', type: 'reply.send', payload: { conversationId, text: '第二版' } });
    expect(again).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(await agent.mutate({ id: 'same-id-1', type: 'reply.send', payload: { conversationId, text: '第一版' } })).toEqual(first);
    const texts = h.fakeLine.replies().map((request) => (request.body as { messages: { text: string }[] }).messages[0]?.text);
    expect(texts).toEqual(['第一版']);
  });
});
