import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TYPING_INDICATOR_THROTTLE_MS } from '../../../src/shared/delivery/typing-indicator';
import type { MutationAck } from '../../../src/shared/protocol';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';

let counter = 0;
const newId = () => `it-read-${Date.now()}-${(counter += 1)}`;

describe('LINE typing indicator and mark-as-read', () => {
  let h: RelayHarness;
  let userId: string;
  let conversationId: string;
  beforeEach(async () => {
    h = await startRelayHarness();
    userId = fakeLineUserId();
    conversationId = `line:${userId}`;
  });
  afterEach(() => h.close());

  async function customerWrites(text: string, extra: { markAsReadToken?: string; timestamp?: number; webhookEventId?: string } = {}) {
    const event = textMessageEvent({ userId, text, replyToken: h.fakeLine.issueReplyToken(), timestamp: extra.timestamp ?? h.clock.now(), ...extra });
    const answer = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]));
    expect(answer.status).toBe(200);
    return event;
  }

  /** Frames of one socket are handled in order: once this answer arrives, earlier presence frames were handled. */
  async function roundTrip(agent: AgentConnection) {
    await agent.mutate<MutationAck>({ id: newId(), type: 'conversation.markRead', payload: { conversationId } });
  }

  const markRead = (agent: AgentConnection, id = newId()) =>
    agent.mutate<MutationAck>({ id, type: 'conversation.markRead', payload: { conversationId } });

  it('shows the typing indicator with the customer as chatId while the free window is open, throttled per conversation', async () => {
    const agent = h.connect(0);
    await agent.hello;
    await customerWrites('請問這件有 M 號嗎？');

    agent.socket.emit('presence', { conversationId, typing: true });
    const first = await waitFor(() => h.fakeLine.loadingStarts()[0], 'loading/start');
    expect(first.body).toEqual({ chatId: userId, loadingSeconds: 20 });
    expect(first.status).toBe(202);

    // Presence is renewed every few seconds: within the throttle interval no second call is claimed.
    h.clock.advance(5_000);
    agent.socket.emit('presence', { conversationId, typing: true });
    await roundTrip(agent);
    expect(await h.relay.store.claimTypingIndicator({ conversationId, now: h.clock.now(), throttleMs: TYPING_INDICATOR_THROTTLE_MS })).toBeNull();

    // After the interval it is shown again, shortened to the rest of the 50 s window (25 s left → 20 s).
    h.clock.advance(TYPING_INDICATOR_THROTTLE_MS);
    agent.socket.emit('presence', { conversationId, typing: true });
    await waitFor(() => h.fakeLine.loadingStarts().length === 2, 'the second loading/start');
    // 45 s after the token only 5 s of free window are left.
    h.clock.advance(20_000);
    agent.socket.emit('presence', { conversationId, typing: true });
    await waitFor(() => h.fakeLine.loadingStarts().length === 3, 'the third loading/start');
    expect(h.fakeLine.loadingStarts().map((request) => request.body)).toEqual([
      { chatId: userId, loadingSeconds: 20 },
      { chatId: userId, loadingSeconds: 20 },
      { chatId: userId, loadingSeconds: 5 },
    ]);
  });

  it('does not show it once the free window is closed, nor when the agent stops typing', async () => {
    const agent = h.connect(0);
    await agent.hello;
    await customerWrites('在嗎？');
    h.clock.advance(51_000);
    agent.socket.emit('presence', { conversationId, typing: true });
    agent.socket.emit('presence', { conversationId, typing: false });
    await roundTrip(agent);

    // The customer writes again: the window opens and the indicator follows the next typing report only.
    const before = h.clock.now();
    await customerWrites('還在嗎？');
    agent.socket.emit('presence', { conversationId, typing: true });
    await waitFor(() => h.fakeLine.loadingStarts().length === 1, 'loading/start in the new window');
    await roundTrip(agent);
    expect(h.fakeLine.loadingStarts()).toHaveLength(1);
    expect(h.fakeLine.loadingStarts()[0]?.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('marks the chat read once, with the newest markAsReadToken, and answers ok when there is nothing to mark', async () => {
    const agent = h.connect(0);
    await agent.hello;
    const older = h.fakeLine.issueMarkAsReadToken();
    const newest = h.fakeLine.issueMarkAsReadToken();
    await customerWrites('我想退貨', { markAsReadToken: older });
    h.clock.advance(1_000);
    const newestEvent = await customerWrites('訂單編號 20240501', { markAsReadToken: newest });

    const id = newId();
    expect(await markRead(agent, id)).toEqual({ ok: true, markedRead: true });
    expect(h.fakeLine.markAsReadCalls().map((request) => [request.body, request.status])).toEqual([[{ markAsReadToken: newest }, 200]]);

    // The same mutation again (a retry) and a new one: no second call.
    expect(await markRead(agent, id)).toEqual({ ok: true, markedRead: true });
    expect(await markRead(agent)).toEqual({ ok: true, markedRead: false });

    // LINE redelivers the newest message, and a delayed older one arrives late: neither brings a token back.
    const redelivery = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [{ ...newestEvent, deliveryContext: { isRedelivery: true } }]));
    expect(redelivery.status).toBe(200);
    await customerWrites('（較早的訊息）', { markAsReadToken: h.fakeLine.issueMarkAsReadToken(), timestamp: newestEvent.timestamp - 5_000 });
    expect(await markRead(agent)).toEqual({ ok: true, markedRead: false });
    expect(h.fakeLine.markAsReadCalls()).toHaveLength(1);

    // A new message brings a new token.
    const next = h.fakeLine.issueMarkAsReadToken();
    await customerWrites('謝謝', { markAsReadToken: next });
    expect(await markRead(agent)).toEqual({ ok: true, markedRead: true });
    expect(h.fakeLine.markAsReadCalls().map((request) => request.body)).toEqual([{ markAsReadToken: newest }, { markAsReadToken: next }]);
  });

  it('answers ok without calling LINE when LINE fails, and names an unknown conversation', async () => {
    const agent = h.connect(0);
    await agent.hello;
    await customerWrites('你好', { markAsReadToken: h.fakeLine.issueMarkAsReadToken() });
    h.fakeLine.failNext('/v2/bot/chat/markAsRead', 500);
    // A failed read receipt is logged, never shown to the agent as an error.
    expect(await markRead(agent)).toEqual({ ok: true, markedRead: true });
    expect(h.fakeLine.markAsReadCalls().map((request) => request.status)).toEqual([500]);

    const unknown = await agent.mutate<MutationAck>({ id: newId(), type: 'conversation.markRead', payload: { conversationId: 'line:Unobody' } });
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_CONVERSATION' });
    expect(unknown.ok === false && unknown.message).toContain('line:Unobody');
  });
});
