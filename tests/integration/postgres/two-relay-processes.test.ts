import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/processes';
import {
  createTokenWithCli,
  customerMessage,
  messagesReceived,
  postWithFailover,
  useRelayCluster,
  type CustomerMessage,
  type FollowingAgent,
} from './relay-cluster';

/**
 * Two relay processes behind one address (a load balancer would alternate like the senders here) on one
 * PostgreSQL database: the same guarantees as one relay.
 */
describe('two relay processes on one PostgreSQL database', () => {
  const scene = useRelayCluster(2);
  let onA: FollowingAgent;
  let onB: FollowingAgent;
  const messages: CustomerMessage[] = [];

  it('both come up at once, one leads the background work, and a token made by the CLI works on both', async () => {
    const cluster = scene.cluster();
    const health = await Promise.all(cluster.relays.map(async (relay) => (await (await fetch(`${relay.url}/healthz`)).json()) as Record<string, any>));
    expect(health.map((entry) => entry.database)).toEqual([
      { backend: 'postgres', ok: true, schemaVersion: expect.any(Number), notifications: expect.any(Boolean) },
      { backend: 'postgres', ok: true, schemaVersion: expect.any(Number), notifications: expect.any(Boolean) },
    ]);
    expect(health[0]!.relayId).toBe(health[1]!.relayId);
    expect(health.map((entry) => entry.background.role).sort()).toEqual(['leader', 'standby']);

    const token = await createTokenWithCli(cluster, '小美');
    onA = scene.follow(0, token);
    onB = scene.follow(1, token);
    const [connectionA, connectionB] = await Promise.all([onA.connect(), onB.connect()]);
    expect((await connectionA.hello).agent).toEqual({ name: '小美', role: 'agent' });
    expect((await connectionB.hello).relayId).toBe(health[0]!.relayId);
  }, 60_000);

  it('200 webhooks alternating between the relays reach the agent on each exactly once, in the same seq order', async () => {
    const urls = scene.cluster().relays.map((relay) => relay.url);
    for (let index = 0; index < 200; index += 1) messages.push(customerMessage(scene.fakeLine(), index, 40));
    // Eight senders at once, each webhook to the relay its index names (as a round-robin balancer would).
    let next = 0;
    const sender = async () => {
      for (let index = next++; index < messages.length; index = next++) {
        expect(await postWithFailover(urls, index % 2, messages[index]!.body, 1)).toBe(1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    for (const agent of [onA, onB]) {
      await waitFor(() => messagesReceived(agent.events()).length >= 200, { timeoutMs: 30_000, what: 'all 200 messages at the agent' });
    }
    const seenOnA = messagesReceived(onA.events());
    const seenOnB = messagesReceived(onB.events());
    expect(seenOnA).toHaveLength(200);
    expect(new Set(seenOnA.map((seen) => seen.messageId))).toEqual(new Set(messages.map((message) => message.messageId)));
    expect(seenOnB).toEqual(seenOnA);
    // Each agent's log has no hole and no repeat: seqs rise by exactly one.
    for (const agent of [onA, onB]) {
      const seqs = agent.events().map((event) => event.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    }
  }, 120_000);

  it('20 replies through either relay each go out once, free, and no reply token is used twice', async () => {
    // The last message of each of 20 customers brought a fresh token: one reply each, alternately through A and B.
    const latest = new Map<string, CustomerMessage>();
    for (const message of messages) latest.set(message.userId, message);
    const targets = [...latest.values()].slice(0, 20);
    const agents = [onA.current()!, onB.current()!];
    const acks = await Promise.all(
      targets.map((message, index) =>
        agents[index % 2]!.mutate({ id: `cluster-reply-${index}`, type: 'reply.send', payload: { conversationId: `line:${message.userId}`, text: `回覆 ${index}` } }),
      ),
    );
    expect(acks.map((ack) => (ack.ok ? ack.delivery : ack.code))).toEqual(Array.from({ length: 20 }, () => 'sent_free'));
    const fakeLine = scene.fakeLine();
    const replies = fakeLine.replies();
    expect(replies).toHaveLength(20);
    expect(replies.every((request) => request.status === 200)).toBe(true);
    const tokens = replies.map((request) => (request.body as { replyToken: string }).replyToken);
    expect(new Set(tokens).size).toBe(20);
    expect(new Set(tokens)).toEqual(new Set(targets.map((message) => message.replyToken)));
    expect(fakeLine.pushes()).toHaveLength(0);
    // Both agents see each reply's outcome once.
    for (const agent of [onA, onB]) {
      await waitFor(() => agent.events().filter((event) => event.type === 'delivery.updated').length >= 20, { timeoutMs: 20_000, what: 'the 20 outcomes' });
      const sentFree = agent.events().flatMap((event) => (event.type === 'delivery.updated' && event.payload.delivery === 'sent_free' ? [event.payload.mutationId] : []));
      expect(sentFree.sort()).toEqual(targets.map((_, index) => `cluster-reply-${index}`).sort());
    }
  }, 60_000);
});
