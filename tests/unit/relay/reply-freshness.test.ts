import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LineMessagingClient, LineReplyOutcome } from '../../../src/relay/channels/line/messaging-client';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { createMutationHandler } from '../../../src/relay/delivery/mutation-handler';
import { releaseHeldReplies } from '../../../src/relay/delivery/reply-sender';
import { silentLogger } from '../../../src/relay/logger';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { openTempStore, type TempStore, senderDeps } from './store-fixture';
import { recordInbound } from '../../support/inbound';

const USER = 'U0123456789abcdef0123456789abcdef';
const CONVERSATION = `line:${USER}`;
const AGENT = { name: 'Amy', role: 'agent' as const };

/** A LINE client that records calls and answers with a scripted outcome. */
function recordingClient(outcome: LineReplyOutcome = { kind: 'sent' }) {
  const calls: { replyToken: string; texts: readonly string[] }[] = [];
  const client: LineMessagingClient = {
    async replyMessages(replyToken, messages) {
      calls.push({ replyToken, texts: messages.map((message) => (message.type === 'text' ? message.text : `[${message.type}]`)) });
      return outcome;
    },
    async getProfile() {
      throw new Error('not used');
    },
    async getGroupSummary() {
      throw new Error('not used');
    },
    async getMemberProfile() {
      throw new Error('not used');
    },
    async pushMessages() {
      throw new Error('a reply must never become a push');
    },
    async getQuota() {
      throw new Error('not used');
    },
    async showLoading() {
      throw new Error('not used');
    },
    async markAsRead() {
      throw new Error('not used');
    },
  };
  return { client, calls };
}

describe('reply-token freshness with an injected clock', () => {
  let fixture: TempStore;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    fixture = await openTempStore();
    clock = 1_700_000_000_000;
  });
  afterEach(() => fixture.dispose());

  async function customerWrites(replyToken: string) {
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: USER, text: '在嗎', replyToken, timestamp: clock })]), clock);
  }

  it('uses a token that is 49 s old', async () => {
    const { client, calls } = recordingClient();
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    await customerWrites('tok-49');
    clock += 49_000;
    const ack = await handler.apply({ id: 'mutation-49s', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '在！' } }, AGENT);
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(calls).toEqual([{ replyToken: 'tok-49', texts: ['在！'] }]);
  });

  it('holds when the token is 51 s old and never uses that token later', async () => {
    const { client, calls } = recordingClient();
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    await customerWrites('tok-51');
    clock += 51_000;
    const ack = await handler.apply({ id: 'mutation-51s', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '在！' } }, AGENT);
    expect(ack).toMatchObject({ ok: true, delivery: 'held' });
    expect(calls).toEqual([]);
    // Nothing to release until a new token arrives: the stale one stays unused.
    expect(await releaseHeldReplies(senderDeps(fixture.store, client, now), CONVERSATION)).toBe(0);
    expect(calls).toEqual([]);
  });

  it('only ever considers the newest unused token', async () => {
    const { client, calls } = recordingClient();
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    await customerWrites('tok-old');
    clock += 10_000;
    await customerWrites('tok-new');
    const first = await handler.apply({ id: 'mutation-one', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '一' } }, AGENT);
    const second = await handler.apply({ id: 'mutation-two', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '二' } }, AGENT);
    expect(first).toMatchObject({ delivery: 'sent_free' });
    // The older token is still unused and fresh, but it is never used once a newer one was claimed.
    expect(second).toMatchObject({ delivery: 'held' });
    expect(calls.map((call) => call.replyToken)).toEqual(['tok-new']);
  });

  async function customerEvent(replyToken: string, eventTimestamp: number, isRedelivery = false) {
    return await recordInbound(fixture.store, 
      mapLineEvents([textMessageEvent({ userId: USER, text: '在嗎', replyToken, timestamp: eventTimestamp, isRedelivery })]),
      clock,
    );
  }

  it('a redelivered older event neither replaces the fresh token nor opens a window', async () => {
    const { client, calls } = recordingClient();
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    await customerEvent('tok-fresh', clock);
    clock += 1_000;
    // LINE redelivers an event from two minutes ago (new webhookEventId, old timestamp) after the fresh one.
    const late = await customerEvent('tok-redelivered', clock - 120_000, true);
    expect(late.conversationsWithNewWindow).toEqual([]);
    expect(late.appended.filter((event) => event.type === 'conversation.replyWindow')).toEqual([]);
    expect(late.appended.find((event) => event.type === 'message.received')?.payload).toMatchObject({ replyTokenReceivedAt: null });
    const ack = await handler.apply({ id: 'mutation-late', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '在！' } }, AGENT);
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(calls.map((call) => call.replyToken)).toEqual(['tok-fresh']);
  });

  it('counts a token from its event timestamp, not from when the relay received it', async () => {
    const { client, calls } = recordingClient();
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    // Received now, but the event is 55 s old: the token is already past the safety margin.
    const stale = await customerEvent('tok-55', clock - 55_000, true);
    expect(stale.conversationsWithNewWindow).toEqual([]);
    expect(stale.appended.filter((event) => event.type === 'conversation.replyWindow')).toEqual([]);
    const held = await handler.apply({ id: 'mutation-55s', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '在！' } }, AGENT);
    expect(held).toMatchObject({ ok: true, delivery: 'held', reason: 'no_fresh_token' });
    expect(calls).toEqual([]);

    // A 10 s old event opens a window that started at its timestamp (40 s left on the countdown).
    const recent = await customerEvent('tok-10', clock - 10_000);
    expect(recent.conversationsWithNewWindow).toEqual([CONVERSATION]);
    expect(recent.appended.find((event) => event.type === 'conversation.replyWindow')?.payload).toEqual({ tokenReceivedAt: clock - 10_000 });
    expect(recent.appended.find((event) => event.type === 'message.received')?.payload).toMatchObject({ replyTokenReceivedAt: clock - 10_000 });
    clock += 41_000;
    const tooLate = await handler.apply({ id: 'mutation-51e', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '二' } }, AGENT);
    expect(tooLate).toMatchObject({ delivery: 'held' });
    expect(calls).toEqual([]);
  });

  it('records the outcome with the mutation: a repeat after a LINE failure returns the stored failure', async () => {
    const { client, calls } = recordingClient({ kind: 'ambiguous', detail: 'socket hang up' });
    const handler = createMutationHandler(senderDeps(fixture.store, client, now));
    await customerWrites('tok-x');
    const frame = { id: 'mutation-amb', type: 'reply.send', payload: { conversationId: CONVERSATION, text: '好' } };
    const first = await handler.apply(frame, AGENT);
    expect(first).toMatchObject({ delivery: 'failed', reason: 'line_unconfirmed' });
    expect(await handler.apply(frame, AGENT)).toEqual(first);
    expect(calls).toHaveLength(1);
    expect(await fixture.store.getMutation('mutation-amb')).toMatchObject({ state: 'done', answer: first });
  });
});
