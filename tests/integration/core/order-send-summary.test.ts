import { afterEach, describe, expect, it } from 'vitest';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import { waitFor } from '../../support/processes';
import { messageTexts } from '../relay/order-fixtures';
import { startOrderWorld, type OrderWorld } from './order-world';

/**
 * orders:sendSummary between the desktop core and the real relay (in process, real port and SQLite folder)
 * and the fake LINE platform: queued offline, sent once, checked locally, refused by the relay.
 */
let world: OrderWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function start(): Promise<OrderWorld> {
  world = await startOrderWorld();
  return world;
}

const summaryFrames = (w: OrderWorld) => w.link.mutations().filter((frame) => frame.type === 'order.sendSummary');
const offline = (w: OrderWorld) =>
  waitFor(async () => (await w.harness.core.handle('sync:status', {})).connection === 'offline', { what: 'the core to notice it is offline' });

async function syncedWithoutSummary(w: OrderWorld): Promise<string> {
  const orderId = await w.createOrder(undefined, { sendSummary: false });
  await w.orderWhen(orderId, (view) => view.sync === 'synced', 'the order to be numbered');
  return orderId;
}

describe('sending an order’s summary later', () => {
  it('queues the summary offline and sends it once the relay is back: free, linked to the order', async () => {
    const w = await start();
    const orderId = await syncedWithoutSummary(w);
    expect(await w.order(orderId)).toMatchObject({ summary: null, summaryQueued: false });
    await w.h.stopRelay();
    await offline(w);

    expect(await w.harness.core.handle('orders:sendSummary', { orderId })).toEqual({ ok: true });
    const queued = (await w.order(orderId))!;
    expect(queued).toMatchObject({ summary: null, summaryQueued: true });
    expect(await w.harness.core.handle('orders:sendSummary', { orderId })).toMatchObject({ ok: false, code: 'ALREADY_QUEUED' });
    const [item] = (await w.harness.core.handle('outbox:list', {})).items;
    expect(item).toMatchObject({ type: 'order.sendSummary', summary: `訂單 ${queued.orderNo} → 傳送摘要`, state: 'queued' });

    await w.h.restartRelay();
    const sent = await w.orderWhen(orderId, (view) => view.summary?.delivery === 'sent_free' && !view.summaryQueued, 'the summary to go out');
    await waitFor(async () => (await w.pendingCount()) === 0, { what: 'the outbox to empty' });
    expect(summaryFrames(w)).toHaveLength(1);
    expect(summaryFrames(w)[0]?.payload).toEqual({ orderId, clientTime: expect.any(Number) });
    const onRelay = await w.h.relay.store.getOrder(orderId);
    expect(sent.summary?.messageId).toBe(onRelay?.summary?.messageId);
    const messages = (await w.harness.core.handle('conversation:messages', { conversationId: w.conversationId })).messages;
    const summaries = messages.filter((message) => message.purpose === 'order_summary');
    expect(summaries).toEqual([expect.objectContaining({ orderId, delivery: 'sent_free' })]);
    expect(w.h.fakeLine.replies().flatMap(messageTexts)).toEqual([summaries[0]?.text]);
    expect(summaries[0]?.text).toContain(`https://shop.example/pay/${sent.orderNo}`);
    expect(await w.harness.core.handle('orders:sendSummary', { orderId })).toMatchObject({ ok: false, code: 'SUMMARY_ON_ITS_WAY' });
  });

  it('sends a failed summary again with consent to push, and the order shows the new one', async () => {
    const w = await start();
    w.h.fakeLine.failNext('/v2/bot/message/reply', 500, { message: 'Internal error' });
    const orderId = await w.createOrder();
    const failed = await w.orderWhen(orderId, (view) => view.summary?.delivery === 'failed', 'the summary to fail');
    w.h.clock.advance(55_000); // the token was spent on the failed attempt anyway

    expect(await w.harness.core.handle('orders:sendSummary', { orderId, push: true })).toEqual({ ok: true });
    const pushed = await w.orderWhen(orderId, (view) => view.summary?.delivery === 'sent_push', 'the summary to be pushed');
    expect(pushed.summary?.messageId).not.toBe(failed.summary?.messageId);
    expect(pushed.summaryQueued).toBe(false);
    expect(summaryFrames(w)[0]?.payload).toMatchObject({ orderId, push: true });
    expect(w.h.fakeLine.pushes()).toHaveLength(1);
    const messages = (await w.harness.core.handle('conversation:messages', { conversationId: w.conversationId })).messages;
    expect(messages.filter((message) => message.purpose === 'order_summary').map((message) => message.delivery)).toEqual(['failed', 'sent_push']);
  });

  it('refuses at once what the relay would refuse, with clear codes', async () => {
    const w = await start();
    const sentOrder = await w.createOrder();
    await w.orderWhen(sentOrder, (view) => view.summary?.delivery === 'sent_free', 'the first summary');
    expect(await w.harness.core.handle('orders:sendSummary', { orderId: sentOrder })).toMatchObject({ ok: false, code: 'SUMMARY_ON_ITS_WAY' });

    const paidOrder = await syncedWithoutSummary(w);
    expect(await w.harness.core.handle('orders:setStatus', { orderId: paidOrder, status: 'paid' })).toEqual({ ok: true });
    expect(await w.harness.core.handle('orders:sendSummary', { orderId: paidOrder })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await w.harness.core.handle('orders:sendSummary', { orderId: 'ord_nowhere' })).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });

    await w.h.stopRelay();
    await offline(w);
    const offlineOrder = await w.createOrder(undefined, { sendSummary: false });
    expect(await w.harness.core.handle('orders:sendSummary', { orderId: offlineOrder })).toMatchObject({ ok: false, code: 'NOT_SYNCED' });
    expect(summaryFrames(w)).toHaveLength(0);
  });

  it('shows the relay’s refusal on the order when the customer paid while the summary waited', async () => {
    const w = await start();
    const orderId = await syncedWithoutSummary(w);
    await w.h.stopRelay();
    await offline(w);
    expect(await w.harness.core.handle('orders:sendSummary', { orderId })).toEqual({ ok: true });
    // Meanwhile, on the relay: another agent marks it paid (the app has not heard yet).
    const store = SqliteRelayStore.open(w.h.dataDir);
    expect(await store.setOrderStatus({ mutationId: 'mut_other_agent_paid', orderId, status: 'paid', agentName: 'Ben', now: w.h.clock.now() })).toMatchObject({ ok: true });
    await store.close();

    await w.h.restartRelay();
    const refused = await w.orderWhen(orderId, (view) => view.status === 'paid' && view.syncError !== null && !view.summaryQueued, 'the refusal');
    expect(refused.syncError).toContain('BAD_STATUS');
    expect(refused).toMatchObject({ sync: 'synced', summary: null });
    await waitFor(async () => (await w.pendingCount()) === 0, { what: 'the outbox to empty' });
    expect((await w.harness.core.handle('outbox:list', {})).items).toEqual([]); // refused for good: not retried, not left failed
    expect(summaryFrames(w)).toHaveLength(1);
    expect(w.h.fakeLine.replies()).toHaveLength(0);
  });
});
