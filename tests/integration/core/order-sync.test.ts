import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../../src/main/core';
import type { CartInput } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { cartSchema } from '../../../src/shared/orders/cart-schema';
import { freePort, waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted } from '../../unit/core/support/fake-relay';
import { startCore, type CoreHarness } from '../../unit/core/support/core-harness';
import { startOrderRelayDouble, type OrderRelayDouble } from './order-relay-double';

/**
 * The desktop core's side of order.create against a relay double that follows the protocol (the real
 * relay's order.create is built on another branch): offline orders, lost answers, refusals.
 */
const conversationId = 'line:Uorder0001';
const cart: CartInput = {
  lines: [
    { sku: 'TS-001', variantId: 'TS-001-WH-M', name: '純棉短T', variantLabel: '白 / M', unitPrice: 390, quantity: 2 },
    { sku: 'DR-002', variantId: null, name: '碎花洋裝', variantLabel: '', unitPrice: 500, quantity: 1 },
  ],
  shipping: { method: 'seven_eleven', storeName: '信義門市', fee: 60, freeShippingThreshold: 1000 },
  discount: { kind: 'amount', value: 100 },
  note: '請幫我包裝成禮物',
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function relayDouble(port?: number): Promise<OrderRelayDouble> {
  const double = await startOrderRelayDouble(port === undefined ? {} : { port });
  cleanups.push(() => double.relay.close());
  return double;
}

async function coreSignedInTo(url: string): Promise<CoreHarness> {
  const harness = await startCore({ credentials: createMemoryCredentialStore({ relayUrl: url, token: DEFAULT_TOKEN }) });
  cleanups.push(() => harness.close());
  await waitFor(async () => (await harness.core.handle('conversation:get', { conversationId })) ?? undefined, { what: 'the conversation to sync' });
  return harness;
}

async function createOrder(harness: CoreHarness): Promise<string> {
  const created = await harness.core.handle('orders:create', { conversationId, cart: cartSchema.parse(cart) });
  if (!created.ok) throw new Error(created.message);
  return created.orderId;
}

const order = (harness: CoreHarness, orderId: string) => harness.core.handle('orders:get', { orderId });

describe('orders between the desktop core and the relay', () => {
  it('an order created offline is queued, then numbered once the relay is back', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const first = await relayDouble(port);
    first.relay.append(conversationUpserted('Uorder0001', '王小姐'));
    const harness = await coreSignedInTo(first.relay.url);
    await first.relay.close();
    await waitFor(async () => (await harness.core.handle('sync:status', {})).connection === 'offline', { what: 'offline' });

    const orderId = await createOrder(harness);
    expect(orderId).toMatch(/^ord_[0-9a-f-]{36}$/);
    expect(await order(harness, orderId)).toMatchObject({
      orderNo: null,
      sync: 'queued',
      status: 'awaiting_payment',
      customerName: '王小姐',
      createdBy: 'Amy',
      totals: computeCartTotals(cartSchema.parse(cart)),
    });
    expect((await harness.core.handle('sync:status', {})).pendingCount).toBe(1);
    const [item] = (await harness.core.handle('outbox:list', {})).items;
    expect(item).toMatchObject({ id: orderId, type: 'order.create', summary: '訂單 NT$1,180 · 3 件', state: 'queued' });

    const second = await relayDouble(port);
    second.relay.events.push(...first.relay.events); // the same relay log, back on the same port
    const synced = await waitFor(async () => {
      const view = await order(harness, orderId);
      return view?.sync === 'synced' && view.summary?.delivery === 'sent_free' ? view : undefined;
    }, { timeoutMs: 20_000, what: 'the order to be numbered' });
    expect(synced.orderNo).toBe('SO2611230001');
    expect(synced.reminders.map((reminder) => reminder.index)).toEqual([0, 1]);
    expect(second.createCalls().map((call) => call.id)).toEqual([orderId]);
    expect(second.createCalls()[0]?.payload).toMatchObject({ orderId, conversationId, sendSummary: true });
    const messages = (await harness.core.handle('conversation:messages', { conversationId })).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ purpose: 'order_summary', orderId, delivery: 'sent_free' });
    expect(messages[0]?.text).toContain('SO2611230001');
    expect((await harness.core.handle('sync:status', {})).pendingCount).toBe(0);
  });

  it('a lost answer is retried with the same id and the relay replays it: one order', { timeout: 30_000 }, async () => {
    const double = await relayDouble();
    double.relay.append(conversationUpserted('Uorder0001', '王小姐'));
    const harness = await coreSignedInTo(double.relay.url);
    // The relay applies the first create, then the connection drops before its answer gets back.
    double.loseAnswer = () => {
      double.loseAnswer = null;
      double.relay.disconnectAll();
    };
    const orderId = await createOrder(harness);

    await waitFor(async () => (await order(harness, orderId))?.sync === 'synced' && double.createCalls().length >= 2, {
      timeoutMs: 20_000,
      what: 'the retried create',
    });
    await waitFor(async () => (await harness.core.handle('sync:status', {})).pendingCount === 0);
    expect(double.createCalls().map((call) => call.id)).toEqual([orderId, orderId]);
    expect(double.orders.size).toBe(1);
    expect(double.relay.events.filter((event) => event.type === 'order.created')).toHaveLength(1);
    const listed = await harness.core.handle('orders:list', {});
    expect(listed.orders.map((view) => [view.orderId, view.orderNo])).toEqual([[orderId, 'SO2611230001']]);
    expect(listed.counts).toEqual({ awaiting_payment: 1, paid: 0, shipped: 0, cancelled: 0 });
  });

  it('an order the relay refuses stays visible with its error, in the order view and the outbox panel', async () => {
    const double = await relayDouble();
    double.relay.append(conversationUpserted('Uorder0001', '王小姐'));
    double.refuse = { code: 'UNKNOWN_CONVERSATION', message: 'No conversation line:Uorder0001 on the relay' };
    const harness = await coreSignedInTo(double.relay.url);
    const orderId = await createOrder(harness);

    const rejected = await waitFor(async () => {
      const view = await order(harness, orderId);
      return view?.sync === 'rejected' ? view : undefined;
    });
    expect(rejected).toMatchObject({ orderNo: null, syncError: expect.stringContaining('No conversation line:Uorder0001 on the relay') });
    const items = (await harness.core.handle('outbox:list', {})).items;
    expect(items).toEqual([
      expect.objectContaining({ id: orderId, state: 'failed', summary: '訂單 NT$1,180 · 3 件', lastError: expect.stringContaining('UNKNOWN_CONVERSATION') }),
    ]);
    expect((await harness.core.handle('sync:status', {})).pendingCount).toBe(0);
    expect(await harness.core.handle('orders:setStatus', { orderId, status: 'paid' })).toMatchObject({ ok: false, code: 'REJECTED' });
    expect(double.createCalls()).toHaveLength(1); // a permanent refusal is not retried
  });

  it('marks an order paid: queued, sent, confirmed by the relay event', async () => {
    const double = await relayDouble();
    double.relay.append(conversationUpserted('Uorder0001', '王小姐'));
    const harness = await coreSignedInTo(double.relay.url);
    const orderId = await createOrder(harness);
    await waitFor(async () => (await order(harness, orderId))?.sync === 'synced');

    expect(await harness.core.handle('orders:setStatus', { orderId, status: 'shipped' })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await harness.core.handle('orders:setStatus', { orderId, status: 'paid' })).toEqual({ ok: true });
    await waitFor(async () => double.orders.get(orderId)?.status === 'paid', { what: 'the relay to record it' });
    const paid = await waitFor(async () => {
      const view = await order(harness, orderId);
      return view?.statusSource === 'agent' && (await harness.core.handle('sync:status', {})).pendingCount === 0 ? view : undefined;
    });
    expect(paid).toMatchObject({ status: 'paid', syncError: null });
    expect(paid.reminders.every((reminder) => reminder.skipped)).toBe(true);
    expect((await harness.core.handle('orders:list', { status: 'paid' })).orders.map((view) => view.orderId)).toEqual([orderId]);
  });
});
