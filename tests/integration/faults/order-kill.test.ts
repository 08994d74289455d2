import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationAckSchema, type MutationAck } from '../../../src/shared/protocol';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { connectAgent } from '../relay/harness';
import { orderCreateFrame, smallCart } from '../relay/order-fixtures';
import { createAgentTokenIn, customerMessage, deliverPending, readStore, relayDbFile, RelayProcess, seededRandom, tempDir, type CustomerMessage } from './support';

/**
 * The relay is SIGKILLed at random points (seeded) while a client keeps sending order.create for N orders,
 * retrying every order that has no answer yet, as the desktop outbox does. Afterwards: exactly N orders,
 * unique numbers, every answer of an id identical, and no summary reached LINE twice (never pushed).
 */
const CYCLES = Number(process.env.ORDER_FAULT_CYCLES ?? 20);
const ORDERS = 12;
const SEED = 20261124;
const CUSTOMERS = Array.from({ length: 3 }, (_, i) => `U${(0xc0de0 + i).toString(16).padStart(32, '0')}`);

type Frame = ReturnType<typeof orderCreateFrame>;

/** Sends every frame on one connection; an answer counts only if it arrived before the connection died. */
async function sendAll(url: string, token: string, frames: readonly Frame[], ackTimeoutMs: number): Promise<Map<string, MutationAck>> {
  const answers = new Map<string, MutationAck>();
  const connection = connectAgent(url, token, 0);
  const lost = new Promise<'lost'>((resolve) => {
    connection.socket.once('disconnect', () => resolve('lost'));
    connection.socket.once('connect_error', () => resolve('lost'));
  });
  try {
    if ((await Promise.race([connection.hello.then(() => 'up' as const, () => 'lost' as const), lost])) === 'lost') return answers;
    await Promise.all(
      frames.map(async (frame) => {
        const raw = await Promise.race([connection.socket.timeout(ackTimeoutMs).emitWithAck('mutate', frame).catch(() => 'lost' as const), lost]);
        if (raw !== 'lost') answers.set(frame.id, mutationAckSchema.parse(raw));
      }),
    );
    return answers;
  } finally {
    connection.close();
  }
}

describe('relay killed with SIGKILL while a client retries order.create', () => {
  let fakeLine: FakeLine;
  let relay: RelayProcess;
  let relayDir: string;
  let token: string;

  beforeAll(async () => {
    fakeLine = await startFakeLine({ channelAccessToken: 'fault-test-channel-access-token' });
    relayDir = tempDir('fault-order-relay-');
    relay = new RelayProcess({ port: await freePort(), dataDir: relayDir, fakeLine });
    token = await createAgentTokenIn(relayDir, 'Amy');
  });
  afterAll(async () => {
    await relay?.stop();
    await fakeLine?.close();
    if (relayDir) rmSync(relayDir, { recursive: true, force: true });
  });

  it(`${CYCLES} kill/restart cycles: exactly ${ORDERS} orders, unique numbers, each summary sent at most once`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const frames: Frame[] = [];
    const answers = new Map<string, MutationAck[]>();
    const messages: CustomerMessage[] = [];
    const record = (got: Map<string, MutationAck>) => {
      for (const [id, ack] of got) answers.set(id, [...(answers.get(id) ?? []), ack]);
    };
    const unanswered = () => frames.filter((frame) => !answers.has(frame.id));

    // Every customer has a conversation before the first order.
    await relay.start();
    for (const userId of CUSTOMERS) messages.push(customerMessage(fakeLine, userId, '我想買', String(700_000_000 + messages.length)));
    await deliverPending(relay.url, messages);
    await relay.kill();

    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      await relay.start();
      if (frames.length < ORDERS) frames.push(orderCreateFrame(`line:${pick(CUSTOMERS)}`, { cart: smallCart() }));
      // Often the customer just wrote, so the summary goes out as a free reply — and the kill may land mid-call.
      if (random() < 0.6) messages.push(customerMessage(fakeLine, pick(CUSTOMERS), `訊息 ${cycle}`, String(700_000_000 + messages.length)));
      const traffic = (async () => {
        await deliverPending(relay.url, messages);
        record(await sendAll(relay.url, token, unanswered(), 10_000));
      })();
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400)));
      await relay.kill();
      await traffic;
    }
    while (frames.length < ORDERS) frames.push(orderCreateFrame(`line:${pick(CUSTOMERS)}`, { cart: smallCart() }));

    // Recovery: one last relay run; the client retries until every order has its answer (a summary left
    // `sending` by a killed relay is settled as line_unconfirmed after the LINE timeout, which answers it).
    await relay.start();
    await waitFor(
      async () => {
        record(await sendAll(relay.url, token, unanswered(), 40_000));
        return unanswered().length === 0;
      },
      { timeoutMs: 60_000, what: 'every order.create to be answered' },
    );
    // Retrying answered ids once more returns the same stored answers.
    record(await sendAll(relay.url, token, frames, 40_000));

    const orders = readStore(relayDbFile(relayDir), (db) =>
      db.prepare('SELECT order_id, order_no, summary_message_id FROM orders ORDER BY order_no').all(),
    ) as { order_id: string; order_no: string; summary_message_id: string }[];
    expect(orders.map((order) => order.order_id).sort()).toEqual(frames.map((frame) => frame.id).sort());
    expect(new Set(orders.map((order) => order.order_no)).size).toBe(ORDERS);
    for (const frame of frames) {
      const got = answers.get(frame.id) ?? [];
      expect(got.length).toBeGreaterThanOrEqual(2);
      for (const ack of got) expect(ack).toEqual(got[0]);
      expect(got[0]).toMatchObject({ ok: true, orderId: frame.id });
    }

    const summaries = readStore(relayDbFile(relayDir), (db) =>
      db.prepare(`SELECT order_id, delivery, reason FROM outbound_messages WHERE kind = 'order_summary'`).all(),
    ) as { order_id: string; delivery: string; reason: string | null }[];
    expect(summaries).toHaveLength(ORDERS);
    const numbers = new Map(orders.map((order) => [order.order_id, order.order_no]));
    const deliveredTexts = fakeLine
      .replies()
      .filter((request) => request.status === 200)
      .flatMap((request) => ((request.body as { messages: { text: string }[] }).messages ?? []).map((message) => message.text));
    const outcomes: Record<string, number> = {};
    for (const summary of summaries) {
      outcomes[summary.delivery] = (outcomes[summary.delivery] ?? 0) + 1;
      const times = deliveredTexts.filter((text) => text.includes(`【訂單確認】${numbers.get(summary.order_id)}`)).length;
      if (summary.delivery === 'sent_free') expect(times).toBe(1);
      else if (summary.delivery === 'failed') {
        expect(summary.reason).toBe('line_unconfirmed');
        expect(times).toBeLessThanOrEqual(1);
      } else expect({ delivery: summary.delivery, times }).toEqual({ delivery: 'held', times: 0 });
    }
    expect(fakeLine.pushes()).toHaveLength(0);
    console.info(`${CYCLES} kills, ${ORDERS} orders: summaries ${JSON.stringify(outcomes)}, ${fakeLine.replies().length} LINE reply calls`);
  }, 240_000);
});
