import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/processes';
import { openTestRelayStore } from '../../support/relay-backend';
import {
  CLUSTER_LEASE_MS,
  createTokenWithCli,
  customerMessage,
  messagesReceived,
  postWithFailover,
  useRelayCluster,
  type CustomerMessage,
} from './relay-cluster';

const MESSAGES = 300;
const KILLS = 3;

async function role(url: string): Promise<string | null> {
  const response = await fetch(`${url}/healthz`).catch(() => null);
  if (!response?.ok) return null;
  return ((await response.json()) as { background: { role: string } }).background.role;
}

/**
 * The fault test of scale-out: webhooks spread over two relay processes on one PostgreSQL database, an agent on
 * each, replies in between — and relay A SIGKILLed and restarted three times mid-traffic. The senders do what
 * LINE and a load balancer do (no 200 → the same body again, to the other relay).
 */
describe('one of two relay processes SIGKILLed and restarted while webhooks and replies flow', () => {
  const scene = useRelayCluster(2);

  it('stores every accepted message exactly once, shows it on both relays, and uses each reply token once', async () => {
    const cluster = scene.cluster();
    const fakeLine = scene.fakeLine();
    const [a, b] = cluster.relays as [(typeof cluster.relays)[number], (typeof cluster.relays)[number]];
    // A leads the background work (a relay stopped gently hands the lease over at once), so killing A must move it to B.
    if ((await role(b.url)) === 'leader') {
      await b.stop();
      await waitFor(async () => (await role(a.url)) === 'leader', { timeoutMs: CLUSTER_LEASE_MS * 10, what: 'relay A to take the lease' });
      await b.start();
    }
    const token = await createTokenWithCli(cluster, '小美');
    const onA = scene.follow(0, token);
    const onB = scene.follow(1, token);
    await Promise.all([onA.connect(), onB.connect()]);

    const messages: CustomerMessage[] = Array.from({ length: MESSAGES }, (_, index) => customerMessage(fakeLine, index, 30));
    const accepted = new Set<string>();
    const replyIds: string[] = [];
    let next = 0;
    let failedOver = 0;
    // Four senders alternate the relays; every 10th message gets a reply from the agent on B (B is never killed).
    const sender = async () => {
      for (let index = next++; index < messages.length; index = next++) {
        const message = messages[index]!;
        const posts = await postWithFailover([a.url, b.url], index % 2, message.body);
        if (posts !== null) accepted.add(message.messageId);
        if (posts !== null && posts > 1) failedOver += 1;
        if (index % 10 === 9) {
          const id = `kill-reply-${index}`;
          replyIds.push(id);
          const ack = await onB.current()!.mutate({ id, type: 'reply.send', payload: { conversationId: `line:${message.userId}`, text: `回覆第 ${index} 則` } });
          expect(ack.ok).toBe(true);
        }
      }
    };
    // Meanwhile relay A dies three times: killed without warning, restarted, and its agent reconnects from its cursor.
    const killer = async () => {
      for (let kill = 1; kill <= KILLS; kill += 1) {
        await waitFor(() => next >= (MESSAGES * kill) / (KILLS + 1), { timeoutMs: 120_000, what: `traffic before kill ${kill}` });
        const pid = a.pid();
        await a.kill('SIGKILL');
        if (kill === 1) {
          // A killed process cannot hand its lease over: B takes the background work once the lease ran out.
          await waitFor(async () => (await role(b.url)) === 'leader', { timeoutMs: CLUSTER_LEASE_MS * 10, what: 'relay B to take over the background work' });
        }
        await a.start();
        expect(a.pid()).not.toBe(pid);
        await onA.connect();
      }
    };
    await Promise.all([sender(), sender(), sender(), sender(), killer()]);

    console.info(`${accepted.size} of ${MESSAGES} webhooks accepted, ${failedOver} of them only after another relay failed them`);
    // Almost all accepted: a sender only gives up after both relays failed it six times.
    expect(accepted.size).toBeGreaterThanOrEqual(MESSAGES - 3);
    const store = await openTestRelayStore(cluster.dataDir);
    try {
      const stored = messagesReceived(await store.readEvents(0, 100_000));
      const counts = new Map<string, number>();
      for (const { messageId } of stored) counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
      expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
      expect([...accepted].filter((messageId) => !counts.has(messageId))).toEqual([]);
      const storedIds = stored.map((entry) => entry.messageId);
      // Both agents end up with the same log, every stored message once, in seq order, with no hole.
      for (const agent of [onA, onB]) {
        await waitFor(() => messagesReceived(agent.events()).length >= stored.length, { timeoutMs: 30_000, what: 'every stored message at the agent' });
        expect(messagesReceived(agent.events()).map((entry) => entry.messageId)).toEqual(storedIds);
        const seqs = agent.events().map((event) => event.seq);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
      }
    } finally {
      await store.close();
    }

    // Each reply token went to LINE at most once, and only successfully; every reply has exactly one outcome.
    const replies = fakeLine.replies();
    const tokens = replies.map((request) => (request.body as { replyToken: string }).replyToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(replies.filter((request) => request.status !== 200)).toEqual([]);
    const sentTexts = replies.flatMap((request) => (request.body as { messages: { text: string }[] }).messages.map((message) => message.text));
    expect(new Set(sentTexts).size).toBe(sentTexts.length);
    expect(replyIds).toHaveLength(MESSAGES / 10);
  }, 300_000);
});
