import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAck } from '../../../src/shared/protocol';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { customerWrites } from './order-fixtures';
import { connectAgent, eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';

describe('learning from the team on the relay: suggestion.feedback and suggestion.review', () => {
  let h: RelayHarness;
  let amy: AgentConnection;
  let watcher: AgentConnection;
  let lead: AgentConnection;
  let conversationId: string;
  let messageId: string;

  beforeAll(async () => {
    h = await startRelayHarness();
    const userId = fakeLineUserId();
    await customerWrites(h.relay.url, h.fakeLine, userId, '錢什麼時候會退給我');
    conversationId = `line:${userId}`;
    const received = await waitFor(async () => eventsOfType(await h.relay.store.readEvents(0, 100), 'message.received')[0], 'the customer message');
    messageId = received!.payload.messageId;
    amy = h.connect(0);
    watcher = h.connect(0);
    lead = connectAgent(h.relay.url, await createAgentToken(h.relay.store, { name: 'Lea', role: 'lead' }));
    await Promise.all([amy.hello, watcher.hello, lead.hello]);
  });
  afterAll(async () => {
    lead.close();
    await h.close();
  });

  const feedback = (payload: Record<string, unknown>, id = randomUUID()) => ({ id, type: 'suggestion.feedback', payload: { conversationId, messageId, ...payload } });

  it('records a sent suggestion with the customer text from its own log and tells every agent', async () => {
    const frame = feedback({ ruleId: 'returns', verdict: 'edited', clientTime: 1234 });
    expect(await amy.mutate<MutationAck>(frame)).toEqual({ ok: true, feedbackId: frame.id, changed: true });
    const event = await waitFor(() => eventsOfType(watcher.events, 'suggestion.feedback')[0], 'suggestion.feedback at another agent');
    expect(event.conversationId).toBe(conversationId);
    expect(event.payload).toEqual({
      feedbackId: frame.id,
      messageId,
      ruleId: 'returns',
      verdict: 'edited',
      text: '錢什麼時候會退給我',
      agentName: 'Amy',
      clientTime: 1234,
    });
  });

  it('answers a repeated mutation id with the stored answer and no second event (offline retries)', async () => {
    const frame = feedback({ ruleId: 'refund-time', verdict: 'accepted' });
    const first = await amy.mutate<MutationAck>(frame);
    expect(await amy.mutate<MutationAck>(frame)).toEqual(first);
    const events = eventsOfType(await h.relay.store.readEvents(0, 1000), 'suggestion.feedback').filter((e) => e.payload.ruleId === 'refund-time');
    expect(events).toHaveLength(1);
  });

  it('counts the same verdict of one agent on one message and rule once, even under a new id', async () => {
    const again = feedback({ ruleId: 'returns', verdict: 'edited' });
    const answer = await amy.mutate<MutationAck>(again);
    expect(answer).toMatchObject({ ok: true, changed: false });
    const events = eventsOfType(await h.relay.store.readEvents(0, 1000), 'suggestion.feedback').filter((e) => e.payload.ruleId === 'returns');
    expect(events).toHaveLength(1);
  });

  it('refuses feedback on a message the relay never received (a client cannot invent examples)', async () => {
    const answer = await amy.mutate<MutationAck>({ id: randomUUID(), type: 'suggestion.feedback', payload: { conversationId, messageId: 'msg_made_up', ruleId: 'returns', verdict: 'accepted' } });
    expect(answer).toMatchObject({ ok: false, code: 'UNKNOWN_MESSAGE' });
    const invalid = await amy.mutate<MutationAck>({ id: randomUUID(), type: 'suggestion.feedback', payload: { conversationId, messageId, ruleId: 'returns', verdict: 'maybe' } });
    expect(invalid).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
  });

  it('lets only a lead keep or remove a learned example, announced to every agent', async () => {
    const taught = feedback({ ruleId: 'refund', verdict: 'accepted' });
    await amy.mutate(taught);
    const refused = await amy.mutate<MutationAck>({ id: randomUUID(), type: 'suggestion.review', payload: { feedbackId: taught.id, keep: false } });
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const review = { id: randomUUID(), type: 'suggestion.review', payload: { feedbackId: taught.id, keep: false } };
    expect(await lead.mutate<MutationAck>(review)).toEqual({ ok: true, feedbackId: taught.id, changed: true });
    const reviewed = await waitFor(() => eventsOfType(watcher.events, 'suggestion.reviewed').find((e) => e.payload.feedbackId === taught.id), 'suggestion.reviewed');
    expect(reviewed.payload).toEqual({ feedbackId: taught.id, decision: 'removed', agentName: 'Lea' });
    expect(await lead.mutate<MutationAck>({ ...review, id: randomUUID() })).toMatchObject({ ok: true, changed: false });
    expect(await lead.mutate<MutationAck>({ id: randomUUID(), type: 'suggestion.review', payload: { feedbackId: 'nothing-like-it', keep: true } })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_MESSAGE',
    });
  });

  it('keeps what was learned across a relay restart', async () => {
    await h.restartRelay();
    const rows = eventsOfType(await h.relay.store.readEvents(0, 1000), 'suggestion.feedback');
    expect(rows.map((e) => e.payload.ruleId).sort()).toEqual(['refund', 'refund-time', 'returns']);
  });
});
