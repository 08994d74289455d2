import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAck } from '../../../src/shared/protocol';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../../src/relay/config';
import { silentLogger } from '../../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../../src/relay/server';
import { fakeLineUserId, startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { relayStorageEnv } from '../../support/relay-backend';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, connectAgent, createTestClock, type AgentConnection } from './harness';
import { customerWrites, messageTexts, orderCreateFrame } from './order-fixtures';

/** Two relay processes' worth of relays on one database file: orders and reminders stay exactly-once. */
describe('orders with two relays sharing one store', () => {
  let dataDir: string;
  let fakeLine: FakeLine;
  let a: RunningRelay;
  let b: RunningRelay;
  let onA: AgentConnection;
  let onB: AgentConnection;
  const clock = createTestClock();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-order-pair-'));
    fakeLine = await startFakeLine({ now: clock.now, channelAccessToken: CHANNEL_ACCESS_TOKEN });
    const config = loadRelayConfig({
      RELAY_PORT: '0',
      RELAY_HOST: '127.0.0.1',
      ...relayStorageEnv(dataDir),
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fakeLine.url,
    });
    const options = { logger: silentLogger, pollIntervalMs: 50, now: clock.now, quotaPolling: false };
    a = await startRelay(config, options);
    b = await startRelay(config, options);
    const token = await createAgentToken(a.store, { name: 'Ben', role: 'agent' });
    onA = connectAgent(a.url, token, 0);
    onB = connectAgent(b.url, token, 0);
    await Promise.all([onA.hello, onB.hello]);
  });
  afterAll(async () => {
    onA.close();
    onB.close();
    await a.close();
    await b.close();
    await fakeLine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates ONE order (one number, one summary) when the same id reaches both relays at once', async () => {
    const userId = fakeLineUserId();
    await customerWrites(a.url, fakeLine, userId, '我要訂');
    const frame = orderCreateFrame(`line:${userId}`);
    const answers = await Promise.all([onA.mutate<MutationAck>(frame), onB.mutate<MutationAck>(frame), onA.mutate<MutationAck>(frame), onB.mutate<MutationAck>(frame)]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: true, orderId: frame.id, summary: { delivery: 'sent_free' } });
    const summaries = fakeLine.replies().flatMap(messageTexts).filter((text) => text.includes('【訂單確認】'));
    expect(summaries).toHaveLength(1);
    const orderRows = (await a.store.readEvents(0, 10_000)).filter((event) => event.type === 'order.created');
    expect(orderRows).toHaveLength(1);
  });

  it('queues each due reminder once when both relays sweep at the same moment', async () => {
    const userId = fakeLineUserId();
    await customerWrites(a.url, fakeLine, userId, '再買一件');
    const conversationId = `line:${userId}`;
    const orders = [];
    for (let i = 0; i < 5; i += 1) orders.push(await onA.mutate<MutationAck>(orderCreateFrame(conversationId, { sendSummary: false })));
    clock.advance(12 * 60 * 60 * 1000);
    const counts = await Promise.all([a.runReminderSweep(), b.runReminderSweep(), a.runReminderSweep(), b.runReminderSweep()]);
    const queued = (await a.store.readEvents(0, 10_000)).flatMap((event) => (event.type === 'order.reminderQueued' ? [event.payload.orderId] : []));
    // Every reminder due (these five and the first test's order) was queued by exactly one sweep.
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(queued.length);
    expect(new Set(queued).size).toBe(queued.length);
    for (const order of orders) expect(queued.filter((orderId) => order.ok && 'orderId' in order && orderId === order.orderId)).toHaveLength(1);
    expect(orders.every((order) => order.ok)).toBe(true);
  });
});
