import { describe, expect, it } from 'vitest';
import type { OrderReminderView } from '../../../src/shared/ipc';
import type { OrderStatus } from '../../../src/shared/orders/cart-schema';
import { canChangeStatus } from '../../../src/shared/orders/order-status';
import { listStepFor, ordersShortcutFor, type OrdersKey } from '../../../src/renderer/features/orders/orders-keys';
import {
  ORDER_STATUSES,
  countAll,
  countByStatus,
  matchesOrderQuery,
  neighbourId,
  reminderState,
  statusActions,
} from '../../../src/renderer/features/orders/order-presentation';
import { createTranslator } from '../../../src/renderer/i18n/translate';

const zh = createTranslator('zh-TW');

function reminder(overrides: Partial<OrderReminderView>): OrderReminderView {
  return { index: 0, dueAt: 0, messageId: null, delivery: null, deliveryReason: null, skipped: false, ...overrides };
}

describe('order status actions', () => {
  it('offer exactly the changes canChangeStatus allows, cancelling last and confirmed', () => {
    for (const status of ORDER_STATUSES) {
      const actions = statusActions({ status, sync: 'synced' });
      const allowed = (['paid', 'shipped', 'cancelled'] as const).filter((to) => canChangeStatus(status, to));
      expect(actions.map((action) => action.status)).toEqual(allowed);
      for (const action of actions) expect(action.confirm).toBe(action.status === 'cancelled');
    }
    expect(statusActions({ status: 'awaiting_payment', sync: 'synced' }).map((action) => zh(action.labelKey))).toEqual(['標記已付款', '取消訂單']);
    expect(statusActions({ status: 'paid', sync: 'queued' }).map((action) => zh(action.labelKey))).toEqual(['標記已出貨', '取消訂單']);
  });

  it('offer nothing for an order the relay refused to create', () => {
    expect(statusActions({ status: 'awaiting_payment', sync: 'rejected' })).toEqual([]);
  });
});

describe('reminder state → label', () => {
  const label = (view: OrderReminderView, status: OrderStatus) => zh(reminderState(view, status).labelKey);

  it('names each delivery of a created reminder', () => {
    expect(label(reminder({ messageId: 'm', delivery: 'sent_free' }), 'awaiting_payment')).toBe('已免費送出');
    expect(label(reminder({ messageId: 'm', delivery: 'held' }), 'awaiting_payment')).toBe('等待顧客訊息');
    expect(label(reminder({ messageId: 'm', delivery: 'sent_push' }), 'awaiting_payment')).toBe('推播（計費）');
    expect(label(reminder({ messageId: 'm', delivery: 'failed' }), 'awaiting_payment')).toBe('失敗');
    expect(label(reminder({ messageId: 'm', delivery: 'sending' }), 'awaiting_payment')).toBe('傳送中');
    expect(reminderState(reminder({ messageId: 'm', delivery: 'held' }), 'awaiting_payment').tone).toBe('waiting');
    expect(reminderState(reminder({ messageId: 'm', delivery: 'sent_push' }), 'awaiting_payment').tone).toBe('paid');
  });

  it('is scheduled until the relay creates it', () => {
    expect(label(reminder({}), 'awaiting_payment')).toBe('已排程');
  });

  it('says why a reminder never went out: the order was paid (or later shipped) or cancelled', () => {
    expect(label(reminder({ messageId: 'm', delivery: 'cancelled' }), 'paid')).toBe('已取消（已付款）');
    expect(label(reminder({ skipped: true }), 'shipped')).toBe('已取消（已付款）');
    expect(label(reminder({ skipped: true }), 'cancelled')).toBe('未送出（訂單已取消）');
    expect(label(reminder({ messageId: 'm', delivery: 'cancelled' }), 'cancelled')).toBe('未送出（訂單已取消）');
    // One already sent stays sent whatever happened to the order afterwards.
    expect(label(reminder({ messageId: 'm', delivery: 'sent_free', skipped: false }), 'cancelled')).toBe('已免費送出');
  });
});

describe('order list helpers', () => {
  const orders = [
    { orderId: 'a', orderNo: 'SO2611230001', customerName: '陳小姐', status: 'paid' as const },
    { orderId: 'b', orderNo: null, customerName: 'Amy Wu', status: 'awaiting_payment' as const },
    { orderId: 'c', orderNo: 'SO2611230003', customerName: '林志明', status: 'paid' as const },
  ];

  it('matches order numbers and customer names, case-insensitively; queued orders by name only', () => {
    expect(orders.filter((order) => matchesOrderQuery(order, 'so26112300')).map((order) => order.orderId)).toEqual(['a', 'c']);
    expect(orders.filter((order) => matchesOrderQuery(order, ' amy ')).map((order) => order.orderId)).toEqual(['b']);
    expect(orders.filter((order) => matchesOrderQuery(order, '')).length).toBe(3);
  });

  it('counts per status and in all', () => {
    const counts = countByStatus(orders);
    expect(counts).toEqual({ awaiting_payment: 1, paid: 2, shipped: 0, cancelled: 0 });
    expect(countAll(counts)).toBe(orders.length);
    expect(countAll({ paid: 4 })).toBe(4);
  });

  it('steps through the list and stays at its ends', () => {
    expect(neighbourId(orders, null, 1)).toBe('a');
    expect(neighbourId(orders, null, -1)).toBe('c');
    expect(neighbourId(orders, 'a', 1)).toBe('b');
    expect(neighbourId(orders, 'c', 1)).toBe('c');
    expect(neighbourId(orders, 'a', -1)).toBe('a');
    expect(neighbourId([], 'a', 1)).toBeNull();
  });
});

describe('orders keys', () => {
  const key = (overrides: Partial<OrdersKey>): OrdersKey => ({ key: 'o', code: 'KeyO', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, ...overrides });

  it('Alt+O opens the orders, Alt+Shift+O the customer’s, by physical key (ø on a Mac)', () => {
    expect(ordersShortcutFor(key({ altKey: true }))).toBe('all');
    expect(ordersShortcutFor(key({ altKey: true, key: 'ø' }))).toBe('all');
    expect(ordersShortcutFor(key({ altKey: true, shiftKey: true, key: 'O' }))).toBe('customer');
    expect(ordersShortcutFor(key({}))).toBeNull();
    expect(ordersShortcutFor(key({ altKey: true, ctrlKey: true }))).toBeNull();
    expect(ordersShortcutFor(key({ altKey: true, isComposing: true }))).toBeNull();
    expect(ordersShortcutFor(key({ altKey: true, code: 'KeyP', key: 'p' }))).toBeNull();
  });

  it('arrows and j/k step the list', () => {
    expect(listStepFor(key({ key: 'ArrowDown' }))).toBe(1);
    expect(listStepFor(key({ key: 'k' }))).toBe(-1);
    expect(listStepFor(key({ key: 'ArrowUp', ctrlKey: true }))).toBeNull();
    expect(listStepFor(key({ key: 'x' }))).toBeNull();
  });
});
