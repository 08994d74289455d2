import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutationSchema, type MutationAck } from '../../../src/shared/protocol';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import type { RelayStore, WorkflowMutation } from '../../../src/relay/store/relay-store';
import { imageMessageEvent, textMessageEvent } from '../../../src/demo/fake-line';
import { recordInbound } from '../../support/inbound';
import { openStorePair } from './store-pair';

/**
 * The team inbox, the media download queue and learning from the team with two relay processes on one schema
 * (two stores, each with its own pool), operations raced through both at the same moment.
 */
const NOW = 1_800_000_000_000;
const userOf = (label: string) => `U${label.padStart(32, '0')}`;
const customerWrites = (store: RelayStore, userId: string, text: string, at: number, messageId?: string) =>
  recordInbound(store, mapLineEvents([textMessageEvent({ userId, text, timestamp: at, ...(messageId ? { messageId } : {}) })]), at);

describe('two relay processes on one PostgreSQL schema: team inbox, media queue, learned suggestions', () => {
  let a: RelayStore;
  let b: RelayStore;
  beforeEach(async () => {
    [a, b] = await openStorePair();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('round-robin takes turns exactly across new conversations arriving through both stores at once', async () => {
    for (const name of ['Ann', 'Bob']) {
      await a.insertAgentToken({ tokenHash: `hash-${name}`, name, role: 'agent', createdAt: 1, revokedAt: null });
      await a.touchAgentSession({ sessionId: `session-${name}`, agentName: name, role: 'agent', now: NOW, ttlMs: 600_000 });
    }
    await a.saveInboxSettings({ mutationId: null, settings: { heldReplyAlertMinutes: 30, autoAssign: 'round_robin' }, baseVersion: 0, agentName: 'Lead', now: NOW });
    await Promise.all(Array.from({ length: 12 }, (_, index) => customerWrites(index % 2 === 0 ? a : b, userOf(`rr${index}`), '你好', NOW + index)));
    const turns = (await a.readEvents(0, 10_000)).flatMap((event) =>
      event.type === 'conversation.assigned' && event.payload.cause === 'round_robin' ? [event.payload.assignee] : [],
    );
    // In commit (seq) order the turn alternates: no two new conversations ever got the same turn.
    expect(turns).toEqual(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? 'Ann' : 'Bob')));
  });

  it('an offline "done" racing a customer question through the other store never closes over the question', async () => {
    const lead = { name: 'Lea', role: 'lead' as const };
    await a.insertAgentToken({ tokenHash: 'hash-lea', name: 'Lea', role: 'lead', createdAt: 1, revokedAt: null });
    for (let round = 0; round < 10; round += 1) {
      const userId = userOf(`merge${round}`);
      const conversationId = `line:${userId}`;
      await customerWrites(a, userId, '請問有貨嗎？', NOW);
      const seenSeq = await a.headSeq();
      const done = a.applyWorkflowMutation({
        mutation: mutationSchema.parse({ id: `status-done-${round}`, type: 'conversation.setStatus', payload: { conversationId, status: 'done', seenSeq } }) as WorkflowMutation,
        agent: lead,
        now: NOW + 1,
      });
      const [answer] = await Promise.all([done, customerWrites(b, userId, '還有一個問題：運費多少？', NOW + 2)]);
      // Either the question came first (the done is superseded) or the done came first (the question reopens it).
      expect(answer).toMatchObject({ ok: true });
      expect((await b.getConversationWorkflow(conversationId)).status).toBe('open');
    }
  });

  it('leases a queued download to one process only; another takes it over once the lease ran out, and only its outcome counts', async () => {
    const photoUser = userOf('photo1');
    await recordInbound(a, mapLineEvents([imageMessageEvent({ source: { type: 'user', userId: photoUser }, timestamp: NOW })]), NOW);
    const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? a : b).claimMediaDownload({ now: NOW + 10, leaseMs: 5_000, owner: `owner-${index}` })));
    const taken = claims.filter((job) => job !== null);
    expect(taken).toHaveLength(1);
    const first = taken[0]!;
    // While the lease runs nobody else gets it; after it ran out (its holder died mid-download) another process does.
    expect(await b.claimMediaDownload({ now: NOW + 4_000, leaseMs: 5_000, owner: 'late' })).toBeNull();
    const takeover = await b.claimMediaDownload({ now: NOW + 5_011, leaseMs: 5_000, owner: 'takeover' });
    expect(takeover).toMatchObject({ mediaId: first.mediaId, leaseOwner: 'takeover' });
    const stored = { kind: 'stored' as const, contentType: 'image/png', size: 100, previewContentType: null, maxTotalBytes: 1_000_000 };
    const [late, current] = await Promise.all([
      a.finishMediaDownload({ mediaId: first.mediaId, leaseOwner: first.leaseOwner, outcome: stored, now: NOW + 5_100 }),
      b.finishMediaDownload({ mediaId: first.mediaId, leaseOwner: 'takeover', outcome: stored, now: NOW + 5_100 }),
    ]);
    expect(late).toMatchObject({ accepted: false, keepFiles: false });
    expect(current).toMatchObject({ accepted: true, keepFiles: true });
    expect((await a.readEvents(0, 1000)).filter((event) => event.type === 'message.mediaReady')).toHaveLength(1);
    expect(await a.getMedia(first.mediaId)).toMatchObject({ state: 'stored', size: 100 });
  });

  it('records suggestion feedback once per mutation id, and one verdict once however many ids carry it at once', async () => {
    const userId = userOf('learn1');
    await customerWrites(a, userId, '可以貨到付款嗎？', NOW, '700000000000000001');
    const feedback = (store: RelayStore, mutationId: string, agentName = 'Ann') =>
      store.recordSuggestionFeedback({
        mutationId,
        agentName,
        payload: { conversationId: `line:${userId}`, messageId: '700000000000000001', ruleId: 'cod', verdict: 'accepted' },
        now: NOW + 1,
      });
    const sameId = await Promise.all([feedback(a, 'fb-same'), feedback(b, 'fb-same'), feedback(a, 'fb-same'), feedback(b, 'fb-same')]);
    expect(new Set(sameId.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(sameId[0]).toEqual({ ok: true, feedbackId: 'fb-same', changed: true });

    const manyIds: MutationAck[] = await Promise.all(Array.from({ length: 6 }, (_, index) => feedback(index % 2 === 0 ? a : b, `fb-bob-${index}`, 'Bob')));
    const changed = manyIds.filter((answer) => answer.ok && 'changed' in answer && answer.changed);
    expect(changed).toHaveLength(1);
    expect(new Set(manyIds.map((answer) => (answer.ok && 'feedbackId' in answer ? answer.feedbackId : null))).size).toBe(1);
    const events = (await b.readEvents(0, 1000)).filter((event) => event.type === 'suggestion.feedback');
    expect(events.map((event) => event.type === 'suggestion.feedback' && event.payload.agentName).sort()).toEqual(['Ann', 'Bob']);
  });
});
