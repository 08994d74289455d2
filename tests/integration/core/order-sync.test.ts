import { cpSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cartSchema } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals, formatNtd } from '../../../src/shared/orders/cart-totals';
import { waitFor } from '../../support/processes';
import { tempDir } from '../../unit/core/support/core-harness';
import { messageTexts } from '../relay/order-fixtures';
import { CUSTOMER_NAME, giftCart, startOrderWorld, type OrderWorld } from './order-world';

/**
 * The desktop core's side of order.create against the real relay (in process, real port and SQLite folder)
 * and the fake LINE platform: offline orders, lost answers, refusals, marking paid.
 */
const totals = computeCartTotals(cartSchema.parse(giftCart));
const outboxSummary = `訂單 ${formatNtd(totals.total)} · 3 件`;

let world: OrderWorld | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await world?.close();
  world = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function start(options?: Parameters<typeof startOrderWorld>[0]): Promise<OrderWorld> {
  world = await startOrderWorld(options);
  return world;
}

const createFrames = (w: OrderWorld) => w.link.mutations().filter((frame) => frame.type === 'order.create');
const relayEvents = async (w: OrderWorld, type: string) => (await w.h.relay.store.readEvents(0, 10_000)).filter((event) => event.type === type);
const offline = (w: OrderWorld) =>
  waitFor(async () => (await w.harness.core.handle('sync:status', {})).connection === 'offline', { what: 'the core to notice it is offline' });

describe('orders between the desktop core and the real relay', () => {
  it('an order created offline is queued, then numbered once the relay is back, and its summary goes out free', async () => {
    const w = await start();
    await w.h.stopRelay();
    await offline(w);

    const orderId = await w.createOrder();
    expect(orderId).toMatch(/^ord_[0-9a-f-]{36}$/);
    expect(await w.order(orderId)).toMatchObject({
      orderNo: null,
      sync: 'queued',
      status: 'awaiting_payment',
      customerName: CUSTOMER_NAME,
      createdBy: 'Amy',
      totals,
    });
    expect(await w.pendingCount()).toBe(1);
    const [item] = (await w.harness.core.handle('outbox:list', {})).items;
    expect(item).toMatchObject({ id: orderId, type: 'order.create', summary: outboxSummary, state: 'queued' });

    await w.h.restartRelay(); // the same data folder: the same log, the same agent token
    const synced = await w.orderWhen(orderId, (view) => view.sync === 'synced' && view.summary?.delivery === 'sent_free', 'the order to be numbered');
    const onRelay = await w.h.relay.store.getOrder(orderId);
    expect(synced.orderNo).toBe(onRelay?.orderNo);
    expect(synced.orderNo).toMatch(/^SO\d{6}0001$/);
    expect(synced.totals).toEqual(onRelay?.totals); // the relay recomputed the same totals from the cart
    expect(synced.reminders.map((reminder) => [reminder.index, reminder.dueAt])).toEqual(onRelay?.reminders.map((r) => [r.index, r.dueAt]));
    expect(createFrames(w).map((frame) => frame.id)).toEqual([orderId]);
    expect(createFrames(w)[0]?.payload).toMatchObject({ orderId, conversationId: w.conversationId, sendSummary: true });

    const messages = (await w.harness.core.handle('conversation:messages', { conversationId: w.conversationId })).messages;
    const summaries = messages.filter((message) => message.purpose === 'order_summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ orderId, delivery: 'sent_free', direction: 'out' });
    expect(summaries[0]?.text).toContain(synced.orderNo);
    const lineTexts = w.h.fakeLine.replies().flatMap(messageTexts);
    expect(lineTexts.filter((text) => text.includes(synced.orderNo!))).toEqual([summaries[0]?.text]);
    expect(w.h.fakeLine.pushes()).toHaveLength(0);
    expect(await w.pendingCount()).toBe(0);
  });

  it('a lost answer is retried with the same id and the relay replays it: one order', async () => {
    const w = await start();
    // The relay applies the create, then the connection dies before its answer (or any event) gets back.
    const lost = w.link.loseAnswersFrom((frame) => frame.type === 'order.create');
    const orderId = await w.createOrder();
    expect((await lost).id).toBe(orderId);
    await waitFor(async () => (await w.h.relay.store.getOrder(orderId))?.summary?.delivery === 'sent_free', { what: 'the relay to apply the create' });
    expect((await w.harness.core.handle('outbox:list', {})).items.map((entry) => entry.id)).toEqual([orderId]);
    w.link.cut();

    const synced = await w.orderWhen(orderId, (view) => view.sync === 'synced', 'the retried create');
    await waitFor(async () => (await w.pendingCount()) === 0, { what: 'the outbox to empty' });
    // The core resends as soon as it is back; the backlog's order.created may settle it before that frame
    // has crossed the link, so wait for the frame rather than assume it already arrived.
    await waitFor(() => createFrames(w).length >= 2, { what: 'the create to be sent again' });
    expect(createFrames(w).map((frame) => frame.id)).toEqual([orderId, orderId]);
    expect(await relayEvents(w, 'order.created')).toHaveLength(1);
    expect(synced.orderNo).toBe((await w.h.relay.store.getOrder(orderId))?.orderNo);
    const listed = await w.harness.core.handle('orders:list', {});
    expect(listed.orders.map((view) => [view.orderId, view.orderNo])).toEqual([[orderId, synced.orderNo]]);
    expect(listed.counts).toEqual({ awaiting_payment: 1, paid: 0, shipped: 0, cancelled: 0 });
    expect(w.h.fakeLine.replies().flatMap(messageTexts).filter((text) => text.includes(synced.orderNo!))).toHaveLength(1);
  });

  it('an order the relay refuses (restored from a backup older than the customer) stays visible with its error', async () => {
    const backup = tempDir('relay-backup-');
    cleanups.push(backup.remove);
    const w = await start({
      async beforeTheCustomerWrites(h) {
        await h.stopRelay();
        cpSync(h.dataDir, backup.path, { recursive: true });
        await h.restartRelay();
      },
    });
    await w.h.stopRelay();
    await offline(w);
    rmSync(w.h.dataDir, { recursive: true, force: true });
    cpSync(backup.path, w.h.dataDir, { recursive: true });
    const orderId = await w.createOrder();
    await w.h.restartRelay(); // same relay id, a log that never saw this customer

    const rejected = await w.orderWhen(orderId, (view) => view.sync === 'rejected', 'the refusal');
    expect(rejected).toMatchObject({ orderNo: null, customerName: CUSTOMER_NAME, syncError: expect.stringContaining(`No conversation ${w.conversationId}`) });
    const items = (await w.harness.core.handle('outbox:list', {})).items;
    expect(items).toEqual([
      expect.objectContaining({ id: orderId, state: 'failed', summary: outboxSummary, lastError: expect.stringContaining('UNKNOWN_CONVERSATION') }),
    ]);
    expect(await w.pendingCount()).toBe(0);
    expect(await w.harness.core.handle('orders:setStatus', { orderId, status: 'paid' })).toMatchObject({ ok: false, code: 'REJECTED' });
    expect(createFrames(w).map((frame) => frame.id)).toEqual([orderId]); // a permanent refusal is not retried
    expect(await w.h.relay.store.getOrder(orderId)).toBeNull();
    expect(w.h.fakeLine.replies()).toHaveLength(0);
  });

  it('marks an order paid: queued, sent, confirmed by the relay, and no reminder is left to send', async () => {
    const w = await start();
    const orderId = await w.createOrder();
    await w.orderWhen(orderId, (view) => view.sync === 'synced', 'the order to be numbered');

    expect(await w.harness.core.handle('orders:setStatus', { orderId, status: 'shipped' })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await w.harness.core.handle('orders:setStatus', { orderId, status: 'paid' })).toEqual({ ok: true });
    expect(await w.order(orderId)).toMatchObject({ status: 'paid', statusSource: 'agent' }); // shown at once, still queued
    await waitFor(async () => (await w.pendingCount()) === 0, { what: 'the relay’s answer' });
    expect((await w.h.relay.store.getOrder(orderId))?.status).toBe('paid');
    // Confirmed (by the answer or the order.statusChanged event, whichever came first): no reminder is left.
    const paid = (await w.order(orderId))!;
    expect(paid).toMatchObject({ status: 'paid', statusSource: 'agent', syncError: null });
    expect(paid.reminders).toHaveLength(2);
    expect(paid.reminders.every((reminder) => reminder.skipped && reminder.messageId === null)).toBe(true);
    expect((await w.h.relay.store.getOrder(orderId))?.reminders.map((reminder) => reminder.state)).toEqual(['skipped', 'skipped']);
    expect((await w.harness.core.handle('orders:list', { status: 'paid' })).orders.map((view) => view.orderId)).toEqual([orderId]);

    w.h.clock.advance(72 * 60 * 60 * 1000);
    expect(await w.h.relay.runReminderSweep()).toBe(0);
  });
});
