import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import {
  createAgentTokenIn,
  customerMessage,
  deliveredReplyTexts,
  deliverPending,
  desktopDbFile,
  readStore,
  relayDbFile,
  RelayProcess,
  seededRandom,
  startDesktopCore,
  tempDir,
  type CustomerMessage,
} from './support';

/**
 * The relay is SIGKILLed at random points, 100 times, while customers write (signed webhooks, redelivered
 * until answered 200 — as LINE does) and two desktop cores sync and send replies. Afterwards every
 * customer message is in every core's store exactly once and no reply reached LINE twice.
 */
const CYCLES = Number(process.env.FAULT_CYCLES ?? 100);
const SEED = 20261123;
const CUSTOMERS = Array.from({ length: 6 }, (_, i) => `U${(0xf00 + i).toString(16).padStart(32, '0')}`);

describe('relay killed with SIGKILL while clients sync and send', () => {
  let fakeLine: FakeLine;
  let relay: RelayProcess;
  let relayDir: string;
  const coreDirs: string[] = [];
  const cores: Core[] = [];

  beforeAll(async () => {
    fakeLine = await startFakeLine({ channelAccessToken: 'fault-test-channel-access-token' });
    relayDir = tempDir('fault-relay-');
    relay = new RelayProcess({ port: await freePort(), dataDir: relayDir, fakeLine });
    const token = await createAgentTokenIn(relayDir, 'Amy');
    for (let i = 0; i < 2; i += 1) {
      const dir = tempDir('fault-core-');
      coreDirs.push(dir);
      cores.push(await startDesktopCore(dir, relay.url, token));
    }
  });

  afterAll(async () => {
    for (const core of cores) await core.close();
    await relay?.stop();
    await fakeLine?.close();
    for (const dir of [relayDir, ...coreDirs]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`${CYCLES} kill/restart cycles: every message once in every store, every reply delivered at most once`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const messages: CustomerMessage[] = [];
    const replyTexts: string[] = [];
    let messageNo = 0;
    const newCustomerMessage = (userId: string) => {
      messageNo += 1;
      messages.push(customerMessage(fakeLine, userId, `顧客訊息 ${messageNo}`, String(900_000_000 + messageNo)));
    };
    const agentReplies = async () => {
      const core = pick(cores);
      const inbox = await core.handle('inbox:list', { limit: 50, before: null });
      if (inbox.conversations.length === 0) return;
      const text = `客服回覆 ${replyTexts.length + 1}`;
      const queued = await core.handle('reply:send', { conversationId: pick(inbox.conversations).id, text });
      expect(queued.ok).toBe(true);
      replyTexts.push(text);
    };

    const pids = new Set<number | undefined>();
    const online = async (core: Core) => (await core.handle('sync:status', {})).connection === 'online';
    const kinds = { early: 0, syncing: 0, midSend: 0 };
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      await relay.start();
      pids.add(relay.pid());
      const roll = random();
      newCustomerMessage(pick(CUSTOMERS));
      if (roll < 0.3) {
        // Anywhere in the first 300 ms: during start-up, handshakes, backlog pages or the webhook.
        kinds.early += 1;
        const traffic = (async () => {
          await deliverPending(relay.url, messages);
          if (random() < 0.7) await agentReplies();
        })();
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
        await relay.kill();
        await traffic;
        continue;
      }
      await deliverPending(relay.url, messages);
      await waitFor(async () => (await Promise.all(cores.map(online))).some(Boolean), { timeoutMs: 20_000, what: 'a core to reconnect' });
      if (roll < 0.7) {
        // While cores sync and send: a reply goes out, the kill lands up to 150 ms later.
        kinds.syncing += 1;
        await agentReplies();
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
      } else {
        // In the middle of a LINE call: killed the moment LINE has the reply, before the relay records it.
        kinds.midSend += 1;
        const callsBefore = fakeLine.replies().length;
        await agentReplies();
        await waitFor(() => fakeLine.replies().length > callsBefore, { timeoutMs: 3_000, intervalMs: 1, what: 'a LINE reply call' }).catch(() => undefined);
      }
      await relay.kill();
    }
    expect(pids.size).toBe(CYCLES); // every cycle really was a fresh relay process
    const repliesDuringKills = fakeLine.replies().length;
    const acceptedDuringKills = messages.filter((message) => message.accepted).length;

    // Recovery: a last relay run; LINE redelivers what was never answered, held replies go out as
    // customers write again, cores catch up and flush.
    await relay.start();
    await waitFor(
      async () => {
        await deliverPending(relay.url, messages);
        return messages.every((message) => message.accepted);
      },
      { timeoutMs: 20_000, what: 'LINE redeliveries to be accepted' },
    );
    const relayDb = relayDbFile(relayDir);
    const outbound = () =>
      readStore(relayDb, (db) =>
        db.prepare('SELECT mutation_id, text, delivery, reason, conversation_id FROM outbound_messages').all(),
      ) as { mutation_id: string; text: string; delivery: string; reason: string | null; conversation_id: string }[];
    const pendingInCores = async () => {
      const statuses = await Promise.all(cores.map((core) => core.handle('sync:status', {})));
      return statuses.reduce((sum, status) => sum + status.pendingCount, 0);
    };
    for (let round = 0; round < 20; round += 1) {
      await waitFor(async () => (await pendingInCores()) === 0 && outbound().every((row) => row.delivery !== 'sending'), {
        timeoutMs: 30_000,
        what: 'outboxes to flush and orphaned sends to settle',
      });
      const heldIn = [...new Set(outbound().filter((row) => row.delivery === 'held').map((row) => row.conversation_id))];
      if (heldIn.length === 0) break;
      for (const conversationId of heldIn) newCustomerMessage(conversationId.slice('line:'.length));
      await deliverPending(relay.url, messages);
      await waitFor(() => outbound().every((row) => row.delivery !== 'sending'), { timeoutMs: 15_000, what: 'held replies to go out' });
    }
    // Read afresh on every check: the relay may still append (a late delivery outcome) while cores catch up.
    const headSeq = () => readStore(relayDb, (db) => (db.prepare('SELECT MAX(seq) AS head FROM events').get() as { head: number }).head);
    const cursorOf = (dir: string) =>
      readStore(desktopDbFile(dir), (db) => Number((db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get() as { value: string }).value));
    await waitFor(() => coreDirs.every((dir) => cursorOf(dir) === headSeq()), {
      timeoutMs: 30_000,
      what: 'every core to reach the head of the log',
      state: async () => ({ headSeq: headSeq(), cursors: coreDirs.map(cursorOf), sync: await Promise.all(cores.map((core) => core.handle('sync:status', {}))) }),
    });

    // Customer messages: in every store, each exactly once.
    const sentIds = messages.map((message) => message.messageId).sort();
    for (const dir of coreDirs) {
      const stored = readStore(desktopDbFile(dir), (db) =>
        db.prepare(`SELECT server_id AS id, COUNT(*) AS n FROM messages WHERE direction = 'in' GROUP BY server_id ORDER BY server_id`).all(),
      ) as { id: string; n: number }[];
      expect(stored.map((row) => row.id)).toEqual(sentIds);
      expect(stored.every((row) => row.n === 1)).toBe(true);
    }

    // Replies: one relay record each; nothing left held or sending; never pushed; never delivered twice.
    const rows = outbound();
    expect(rows.map((row) => row.text).sort()).toEqual([...replyTexts].sort());
    const delivered = deliveredReplyTexts(fakeLine);
    expect(fakeLine.pushes()).toHaveLength(0);
    for (const row of rows) {
      const times = delivered.get(row.text) ?? 0;
      if (row.delivery === 'sent_free') expect(times, row.text).toBe(1);
      else {
        // The only other end state: the relay died during the LINE call, so the outcome is unknown.
        expect({ delivery: row.delivery, reason: row.reason }).toEqual({ delivery: 'failed', reason: 'line_unconfirmed' });
        expect(times, row.text).toBeLessThanOrEqual(1);
      }
    }
    expect([...delivered.values()].every((times) => times === 1)).toBe(true);
    // Every core shows every reply once, with the relay's outcome.
    const relayDelivery = new Map(rows.map((row) => [row.mutation_id, row.delivery]));
    for (const dir of coreDirs) {
      const local = readStore(desktopDbFile(dir), (db) =>
        db.prepare(`SELECT mutation_id, delivery FROM messages WHERE direction = 'out'`).all(),
      ) as { mutation_id: string; delivery: string }[];
      expect(local).toHaveLength(rows.length);
      for (const message of local) expect(message.delivery).toBe(relayDelivery.get(message.mutation_id));
    }
    const unconfirmed = rows.filter((row) => row.delivery === 'failed').length;
    console.info(
      `${CYCLES} kills: ${messages.length} customer messages, ${rows.length} replies (${rows.length - unconfirmed} sent once, ${unconfirmed} unconfirmed, ${[...delivered.keys()].length} reached LINE; kill points ${JSON.stringify(kinds)}; during the kill loop ${acceptedDuringKills} webhooks were accepted and ${repliesDuringKills} LINE reply calls made)`,
    );
  }, 1_200_000);
});
