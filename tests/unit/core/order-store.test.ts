import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { setStoredAgent } from '../../../src/main/core/store/meta';
import { getOutboxItem, listOutbox } from '../../../src/main/core/store/outbox';
import { resetSyncedDataKeepingOutbox } from '../../../src/main/core/store/reset';
import { listOutboxItems } from '../../../src/main/core/outbox/outbox-items';
import { changeOrderStatus, createOrder } from '../../../src/main/core/orders/enqueue-order';
import { settleOrderAck } from '../../../src/main/core/orders/order-outbox';
import { sendOrderSummary } from '../../../src/main/core/orders/send-summary';
import { getOrderView, listOrderViews, orderCountsByStatus } from '../../../src/main/core/orders/order-queries';
import { getLocalCatalog } from '../../../src/main/core/catalog/catalog-store';
import { silentLog } from '../../../src/main/core/log';
import { cartSchema, type Cart } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { DEFAULT_SHOP_SETTINGS, EMPTY_CATALOG } from '../../../src/shared/catalog/catalog-schema';
import type { NewRelayEvent } from '../../../src/shared/protocol';

let db: Database.Database;
let seq: number;
let clock: number;
const now = () => clock;
const conversationId = 'line:Uwang';

const cart: Cart = cartSchema.parse({
  lines: [
    { sku: 'TS-001', variantId: 'TS-001-WH-M', name: '純棉短T', variantLabel: '白 / M', unitPrice: 390, quantity: 2 },
    { sku: 'DR-002', variantId: null, name: '碎花洋裝', variantLabel: '', unitPrice: 500, quantity: 1 },
  ],
  shipping: { method: 'home', address: '台北市信義區松仁路 100 號', fee: 100, freeShippingThreshold: 2000 },
  discount: { kind: 'percent', value: 10 },
});

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  clock = 1_800_000_000_000;
  upsertConversation(db, { id: conversationId, channel: 'line', friendId: 'Uwang', displayName: '王小姐', pictureUrl: null }, 0);
  upsertConversation(db, { id: 'line:Ulee', channel: 'line', friendId: 'Ulee', displayName: 'Lee', pictureUrl: null }, 0);
  setStoredAgent(db, { name: '客服小美', role: 'agent', demo: false });
});

function apply(...events: NewRelayEvent[]): string[] {
  const withSeq = events.map((event) => ({ ...event, seq: ++seq }));
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: seq }, { now, log: silentLog });
  if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
  return outcome.scopes;
}

function create(conversation = conversationId, theCart: Cart = cart): string {
  const result = createOrder(db, { conversationId: conversation, cart: theCart, sendSummary: true }, now);
  if (!result.ok) throw new Error(result.message);
  return result.orderId;
}

function orderCreated(orderId: string, orderNo: string, extra: Partial<{ summaryMessageId: string | null; conversationId: string }> = {}): NewRelayEvent {
  const conversation = extra.conversationId ?? conversationId;
  return {
    type: 'order.created',
    conversationId: conversation,
    occurredAt: clock + 5_000,
    payload: {
      orderId,
      orderNo,
      friendId: conversation.slice(5),
      cart,
      totals: computeCartTotals(cart),
      status: 'awaiting_payment',
      agentName: '客服小美',
      clientTime: clock,
      reminderDueAt: [clock + 12 * 3_600_000, clock + 48 * 3_600_000],
      summaryMessageId: extra.summaryMessageId ?? null,
    },
  };
}

function messageSent(messageId: string, kind: 'order_summary' | 'payment_reminder', orderId: string, delivery: 'sent_free' | 'held'): NewRelayEvent {
  return {
    type: 'message.sent',
    conversationId,
    occurredAt: clock + 6_000,
    payload: { messageId, mutationId: `m-${messageId}`, text: '【訂單確認】', agentName: '客服小美', delivery, reason: delivery === 'held' ? 'no_fresh_token' : null, kind, orderId },
  };
}

function statusChanged(orderId: string, status: 'paid' | 'cancelled', previous: 'awaiting_payment' | 'paid', source: 'agent' | 'payment' = 'payment'): NewRelayEvent {
  return {
    type: 'order.statusChanged',
    conversationId,
    occurredAt: clock + 9_000,
    payload: { orderId, orderNo: 'SO2611230001', status, previous, source, agentName: null, transactionId: 'tx-1' },
  };
}

describe('orders:create in the local store', () => {
  it('writes the order and its order.create outbox row together, with the shared totals', () => {
    const orderId = create();
    expect(orderId).toMatch(/^ord_/);
    const outbox = getOutboxItem(db, orderId);
    expect(outbox).toMatchObject({ type: 'order.create', conversation_id: conversationId, state: 'queued' });
    expect(JSON.parse(outbox!.payload)).toEqual({ orderId, conversationId, cart, sendSummary: true, clientTime: clock });
    expect(getOrderView(db, orderId)).toMatchObject({
      orderNo: null,
      sync: 'queued',
      status: 'awaiting_payment',
      customerName: '王小姐',
      friendId: 'Uwang',
      createdBy: '客服小美',
      createdAt: clock,
      totals: { subtotal: 1280, discount: 128, shippingFee: 100, total: 1252, itemCount: 3 },
      summary: null,
      reminders: [],
    });
  });

  it('refuses an unknown conversation and stores nothing', () => {
    expect(createOrder(db, { conversationId: 'line:nobody', cart, sendSummary: true }, now)).toMatchObject({ ok: false, code: 'UNKNOWN_CONVERSATION' });
    expect(listOutbox(db)).toHaveLength(0);
    expect(listOrderViews(db, { limit: 10 })).toHaveLength(0);
  });

  it('shows order rows readably in the outbox panel', () => {
    const orderId = create();
    apply(orderCreated(orderId, 'SO2611230001'));
    changeOrderStatus(db, { orderId, status: 'paid' }, now);
    const other = create();
    changeOrderStatus(db, { orderId: other, status: 'cancelled' }, now);
    expect(listOutboxItems(db).map((item) => item.summary)).toEqual([
      '訂單 SO2611230001 → 已付款',
      '訂單 NT$1,252 · 3 件',
      '訂單 NT$1,252（未編號） → 已取消',
    ]);
  });
});

describe('applying order events', () => {
  it('numbers the local order in place, settles its outbox row and links summary and reminders', () => {
    const orderId = create();
    clock += 60_000;
    const scopes = apply(orderCreated(orderId, 'SO2611230001', { summaryMessageId: 'srv-sum' }), messageSent('srv-sum', 'order_summary', orderId, 'sent_free'));
    expect(scopes).toEqual(expect.arrayContaining(['orders', `orders:${conversationId}`, `conversation:${conversationId}`]));
    expect(getOutboxItem(db, orderId)).toBeNull();
    const view = getOrderView(db, orderId)!;
    expect(view).toMatchObject({ orderNo: 'SO2611230001', sync: 'synced', createdAt: clock - 60_000, createdBy: '客服小美' });
    expect(view.summary).toEqual({ messageId: 'srv-sum', delivery: 'sent_free', deliveryReason: null });
    expect(view.reminders.map((r) => [r.index, r.messageId, r.skipped])).toEqual([[0, null, false], [1, null, false]]);
    expect(listOrderViews(db, { limit: 10 })).toHaveLength(1);

    apply(
      { type: 'order.reminderQueued', conversationId, occurredAt: clock, payload: { orderId, orderNo: 'SO2611230001', index: 0, messageId: 'srv-rem0' } },
      messageSent('srv-rem0', 'payment_reminder', orderId, 'held'),
    );
    expect(getOrderView(db, orderId)!.reminders[0]).toMatchObject({ messageId: 'srv-rem0', delivery: 'held', deliveryReason: 'no_fresh_token', skipped: false });

    // Paid: the held reminder is withdrawn by the relay, the one not yet due is skipped.
    apply(statusChanged(orderId, 'paid', 'awaiting_payment'), {
      type: 'delivery.updated',
      conversationId,
      occurredAt: clock,
      payload: { messageId: 'srv-rem0', mutationId: 'm-srv-rem0', delivery: 'cancelled', reason: null },
    });
    const paid = getOrderView(db, orderId)!;
    expect(paid).toMatchObject({ status: 'paid', statusSource: 'payment', statusChangedAt: clock + 9_000 });
    expect(paid.reminders.map((r) => [r.delivery, r.skipped])).toEqual([['cancelled', true], [null, true]]);
  });

  it('adds orders made by other agents, and the summary arriving before the order still links', () => {
    apply(messageSent('srv-sum2', 'order_summary', 'ord_other', 'held'), orderCreated('ord_other', 'SO2611230002', { summaryMessageId: 'srv-sum2' }));
    expect(getOrderView(db, 'ord_other')).toMatchObject({ orderNo: 'SO2611230002', createdBy: '客服小美', sync: 'synced', summary: { delivery: 'held' } });
  });

  it('keeps the newest catalog only', () => {
    const catalog = { products: [{ sku: 'TS-001', name: '純棉短T', price: 390 }], settings: DEFAULT_SHOP_SETTINGS };
    expect(getLocalCatalog(db)).toEqual({ version: 0, catalog: EMPTY_CATALOG, updatedBy: null, updatedAt: null });
    const scopes = apply({ type: 'catalog.updated', occurredAt: 5, payload: { version: 2, catalog, updatedBy: 'Amy' } } as NewRelayEvent);
    expect(scopes).toContain('catalog');
    apply({ type: 'catalog.updated', occurredAt: 6, payload: { version: 1, catalog: EMPTY_CATALOG, updatedBy: 'Bob' } } as NewRelayEvent);
    expect(getLocalCatalog(db)).toMatchObject({ version: 2, updatedBy: 'Amy', catalog: { products: [{ sku: 'TS-001', variants: [] }] } });
  });
});

describe('orders:setStatus', () => {
  it('refuses impossible changes at once and shows a queued change until the relay answers', () => {
    const orderId = create();
    apply(orderCreated(orderId, 'SO2611230001'));
    expect(changeOrderStatus(db, { orderId, status: 'shipped' }, now)).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(changeOrderStatus(db, { orderId: 'ord_missing', status: 'paid' }, now)).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });
    expect(changeOrderStatus(db, { orderId, status: 'paid' }, now)).toMatchObject({ ok: true });
    expect(getOrderView(db, orderId)).toMatchObject({ status: 'paid', statusSource: 'agent' });
    // Another event for the order while the change waits does not hide it.
    apply({ type: 'order.reminderQueued', conversationId, occurredAt: clock, payload: { orderId, orderNo: 'SO2611230001', index: 0, messageId: 'r0' } });
    expect(getOrderView(db, orderId)!.status).toBe('paid');
  });

  it('a refusal from the relay brings back the relay status with the reason', () => {
    const orderId = create();
    apply(orderCreated(orderId, 'SO2611230001'));
    changeOrderStatus(db, { orderId, status: 'paid' }, now);
    // Meanwhile the relay cancelled it; the agent's change is still shown while it waits.
    apply(statusChanged(orderId, 'cancelled', 'awaiting_payment', 'agent'));
    expect(getOrderView(db, orderId)!.status).toBe('paid');
    const row = listOutbox(db).find((item) => item.type === 'order.setStatus')!;
    const outcome = settleOrderAck(db, row, { ok: false, code: 'BAD_STATUS', message: 'The order is cancelled' }, clock);
    expect(outcome).toMatchObject({ kind: 'settled' });
    expect(getOrderView(db, orderId)).toMatchObject({ status: 'cancelled', syncError: 'BAD_STATUS: The order is cancelled' });
    expect(listOutbox(db)).toHaveLength(0);
    expect(orderCountsByStatus(db)).toEqual({ awaiting_payment: 0, paid: 0, shipped: 0, cancelled: 1 });
  });

  it('an accepted change answered before its event already skips the reminders not yet queued', () => {
    const orderId = create();
    apply(orderCreated(orderId, 'SO2611230001'));
    changeOrderStatus(db, { orderId, status: 'paid' }, now);
    expect(getOrderView(db, orderId)!.reminders.map((reminder) => reminder.skipped)).toEqual([false, false]); // not confirmed yet
    const row = listOutbox(db).find((item) => item.type === 'order.setStatus')!;
    expect(settleOrderAck(db, row, { ok: true, orderId, status: 'paid', changed: true }, clock)).toMatchObject({ kind: 'settled' });
    const answered = getOrderView(db, orderId)!;
    expect(answered).toMatchObject({ status: 'paid', statusSource: 'agent', syncError: null });
    expect(answered.reminders.map((reminder) => reminder.skipped)).toEqual([true, true]);
    // The event, arriving after the answer, changes nothing more.
    apply(statusChanged(orderId, 'paid', 'awaiting_payment', 'agent'));
    expect(getOrderView(db, orderId)!.reminders).toEqual(answered.reminders);
  });

  it('INTERNAL and unreadable answers are retried; an accepted create is numbered from the answer', () => {
    const orderId = create();
    const row = getOutboxItem(db, orderId)!;
    expect(settleOrderAck(db, row, { ok: false, code: 'INTERNAL', message: 'db busy' }, clock)).toEqual({ kind: 'retry', error: 'INTERNAL: db busy' });
    expect(settleOrderAck(db, row, { ok: true, messageId: 'x' }, clock).kind).toBe('retry');
    expect(getOrderView(db, orderId)!.sync).toBe('queued');
    const totals = computeCartTotals(cart);
    settleOrderAck(db, row, { ok: true, orderId, orderNo: 'SO2611230009', totals, summary: { messageId: 's9', delivery: 'held', reason: 'no_fresh_token' } }, clock);
    expect(getOrderView(db, orderId)).toMatchObject({ orderNo: 'SO2611230009', sync: 'synced', summary: { messageId: 's9', delivery: null } });
    expect(getOutboxItem(db, orderId)).toBeNull();
  });
});

describe('orders:sendSummary', () => {
  const summarySent = (messageId: string, orderId: string, mutationId: string): NewRelayEvent => {
    const event = messageSent(messageId, 'order_summary', orderId, 'sent_free');
    return { ...event, payload: { ...(event.payload as object), mutationId } } as NewRelayEvent;
  };
  const failed = (messageId: string): NewRelayEvent => ({
    type: 'delivery.updated',
    conversationId,
    occurredAt: clock,
    payload: { messageId, mutationId: `m-${messageId}`, delivery: 'failed', reason: 'line_unconfirmed' },
  });

  it('queues a new summary only for a failed (or missing) one, and the newest summary wins over a late answer', () => {
    const orderId = create();
    apply(orderCreated(orderId, 'SO2611230001', { summaryMessageId: 'srv-sum1' }), messageSent('srv-sum1', 'order_summary', orderId, 'sent_free'));
    expect(sendOrderSummary(db, { orderId }, now)).toMatchObject({ ok: false, code: 'SUMMARY_ON_ITS_WAY' });

    apply(failed('srv-sum1'));
    expect(sendOrderSummary(db, { orderId, push: true }, now)).toEqual({ ok: true, conversationId });
    expect(sendOrderSummary(db, { orderId }, now)).toMatchObject({ ok: false, code: 'ALREADY_QUEUED' });
    const [row] = listOutbox(db).filter((item) => item.type === 'order.sendSummary');
    expect(JSON.parse(row!.payload)).toEqual({ orderId, push: true, clientTime: clock });
    expect(getOrderView(db, orderId)).toMatchObject({ summaryQueued: true, summary: { messageId: 'srv-sum1', delivery: 'failed' } });

    // The event settles the row even if the answer is lost, and names the new summary.
    apply(summarySent('srv-sum2', orderId, row!.id));
    expect(getOutboxItem(db, row!.id)).toBeNull();
    expect(getOrderView(db, orderId)).toMatchObject({ summaryQueued: false, summary: { messageId: 'srv-sum2', delivery: 'sent_free' } });
    // A late answer (of the first create, of this send) does not bring back an older summary.
    settleOrderAck(db, row!, { ok: true, orderId, orderNo: 'SO2611230001', totals: computeCartTotals(cart), summary: { messageId: 'srv-sum2', delivery: 'sending', reason: null } }, clock);
    apply(failed('srv-sum2'), summarySent('srv-sum3', orderId, 'other-agent'));
    settleOrderAck(db, row!, { ok: true, orderId, orderNo: 'SO2611230001', totals: computeCartTotals(cart), summary: { messageId: 'srv-sum2', delivery: 'sent_free', reason: null } }, clock);
    expect(getOrderView(db, orderId)!.summary?.messageId).toBe('srv-sum3');
  });

  it('a refusal from the relay shows on the order; unsynced and paid orders are refused at once', () => {
    const queuedOrder = create();
    expect(sendOrderSummary(db, { orderId: queuedOrder }, now)).toMatchObject({ ok: false, code: 'NOT_SYNCED' });
    apply(orderCreated(queuedOrder, 'SO2611230001'));
    expect(sendOrderSummary(db, { orderId: queuedOrder }, now)).toMatchObject({ ok: true });
    const row = listOutbox(db).find((item) => item.type === 'order.sendSummary')!;
    const outcome = settleOrderAck(db, row, { ok: false, code: 'BAD_STATUS', message: 'Order SO2611230001 is paid' }, clock);
    expect(outcome).toMatchObject({ kind: 'settled' });
    expect(getOutboxItem(db, row.id)).toBeNull();
    expect(getOrderView(db, queuedOrder)).toMatchObject({ summaryQueued: false, summary: null, syncError: 'BAD_STATUS: Order SO2611230001 is paid' });
    expect(listOutboxItems(db)).toEqual([]);

    apply(statusChanged(queuedOrder, 'paid', 'awaiting_payment'));
    expect(sendOrderSummary(db, { orderId: queuedOrder }, now)).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(sendOrderSummary(db, { orderId: 'ord_nowhere' }, now)).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });
  });
});

describe('orders:list and the resync reset', () => {
  it('filters by conversation, status and order number or customer name, newest first', () => {
    const a = create();
    clock += 1;
    const b = create('line:Ulee');
    clock += 1;
    const c = create();
    apply(orderCreated(a, 'SO2611230001'), orderCreated(b, 'SO2611230002', { conversationId: 'line:Ulee' }));
    changeOrderStatus(db, { orderId: a, status: 'cancelled' }, now);
    const ids = (filter: Parameters<typeof listOrderViews>[1]) => listOrderViews(db, filter).map((view) => view.orderId);
    expect(ids({ limit: 10 })).toEqual([c, b, a]);
    expect(ids({ limit: 2 })).toEqual([c, b]);
    expect(ids({ conversationId, limit: 10 })).toEqual([c, a]);
    expect(ids({ status: 'awaiting_payment', limit: 10 })).toEqual([c, b]);
    expect(ids({ query: '0002', limit: 10 })).toEqual([b]);
    expect(ids({ query: '王小', limit: 10 })).toEqual([c, a]);
    expect(ids({ query: '%', limit: 10 })).toEqual([]);
    expect(orderCountsByStatus(db)).toEqual({ awaiting_payment: 2, paid: 0, shipped: 0, cancelled: 1 });
  });

  it('keeps queued orders (still in the outbox) and forgets synced ones', () => {
    const synced = create();
    const queued = create();
    apply(orderCreated(synced, 'SO2611230001'), { type: 'catalog.updated', occurredAt: 1, payload: { version: 1, catalog: EMPTY_CATALOG, updatedBy: 'Amy' } } as NewRelayEvent);
    resetSyncedDataKeepingOutbox(db);
    expect(listOrderViews(db, { limit: 10 }).map((view) => view.orderId)).toEqual([queued]);
    expect(getOutboxItem(db, queued)).not.toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM order_reminders').get()).toEqual({ n: 0 });
    expect(getLocalCatalog(db).version).toBe(0);
  });
});
