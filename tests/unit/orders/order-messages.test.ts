import { describe, expect, it } from 'vitest';
import { catalogSchema, DEFAULT_SHOP_SETTINGS, shopSettingsSchema, stockOf, unitPriceOf, variantLabel } from '../../../src/shared/catalog/catalog-schema';
import type { CartLine } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { paymentLink, renderOrderSummary, renderPaymentReminder } from '../../../src/shared/orders/order-messages';
import { canChangeStatus, nextStatuses, wantsPaymentReminders } from '../../../src/shared/orders/order-status';

const TEMPLATE = 'https://shop.example/pay/{orderNo}';
const lines: CartLine[] = [
  { sku: 'TS-001', variantId: 'TS-001-WH-M', name: '棉麻寬版襯衫', variantLabel: '白 / M', unitPrice: 980, quantity: 2 },
  { sku: 'AC-101', variantId: null, name: '帆布托特包', variantLabel: '', unitPrice: 490, quantity: 1 },
];
const shipping = { method: 'seven_eleven' as const, storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 3000 };

describe('order summary text', () => {
  const discount = { kind: 'amount' as const, value: 100 };
  const totals = computeCartTotals({ lines, discount, shipping });
  const text = renderOrderSummary({ orderNo: 'SO2611230001', lines, shipping, discount, note: '請幫我包裝成禮物', totals }, TEMPLATE);

  it('lists every line, the totals and the payment link with the order number', () => {
    expect(text).toContain('【訂單確認】SO2611230001');
    expect(text).toContain('・棉麻寬版襯衫（白 / M） × 2　NT$1,960');
    expect(text).toContain('・帆布托特包 × 1　NT$490');
    expect(text).toContain('小計 NT$2,450');
    expect(text).toContain('折扣 −NT$100');
    expect(text).toContain('運費 NT$60｜7-ELEVEN 取貨（信義門市）');
    expect(text).toContain('應付金額 NT$2,410');
    expect(text).toContain('備註：請幫我包裝成禮物');
    expect(text).toContain('付款連結：https://shop.example/pay/SO2611230001');
  });

  it('stays one LINE text object (≤ 5,000 characters) even for the largest cart', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({ ...lines[0]!, sku: `SKU-${index}`, name: '超長商品名稱'.repeat(20), quantity: 999 }));
    const big = renderOrderSummary(
      { orderNo: 'SO2611239999', lines: many, shipping, discount: null, note: '備'.repeat(500), totals: computeCartTotals({ lines: many, discount: null, shipping }) },
      TEMPLATE,
    );
    expect(big.length).toBeLessThanOrEqual(5000);
    expect(big).toContain('另有 35 項商品');
  });

  it('asks the customer for the store or the address when the agent left it empty', () => {
    const totals0 = computeCartTotals({ lines, discount: null, shipping });
    const pickup = renderOrderSummary({ orderNo: 'SO1', lines, shipping: { ...shipping, storeName: null }, discount: null, note: '', totals: totals0 }, TEMPLATE);
    expect(pickup).toContain('7-ELEVEN 取貨（請回覆取貨門市）');
    const home = renderOrderSummary(
      { orderNo: 'SO1', lines, shipping: { ...shipping, method: 'home', storeName: null, address: '' }, discount: null, note: '', totals: totals0 },
      TEMPLATE,
    );
    expect(home).toContain('宅配到府（請回覆收件地址）');
  });

  it('says 免運 when shipping is free', () => {
    const free = computeCartTotals({ lines, discount: null, shipping: { ...shipping, freeShippingThreshold: 1000 } });
    expect(renderOrderSummary({ orderNo: 'SO1', lines, shipping, discount: null, note: '', totals: free }, TEMPLATE)).toContain('運費 免運');
  });

  it('reminders name the order, the amount and the link; the second one says 再次', () => {
    const first = renderPaymentReminder({ orderNo: 'SO2611230001', totals }, TEMPLATE, 0);
    const second = renderPaymentReminder({ orderNo: 'SO2611230001', totals }, TEMPLATE, 1);
    expect(first).toContain('提醒您，訂單 SO2611230001 尚未完成付款，應付金額 NT$2,410');
    expect(first).toContain('https://shop.example/pay/SO2611230001');
    expect(second).toContain('再次提醒您');
  });

  it('escapes the order number in the link', () => {
    expect(paymentLink('https://pay.example/{orderNo}?o={orderNo}', 'A B')).toBe('https://pay.example/A%20B?o=A%20B');
  });
});

describe('order status changes', () => {
  it('allow payment or cancellation while awaiting payment, shipping once paid, nothing after the end', () => {
    expect(nextStatuses('awaiting_payment')).toEqual(['paid', 'cancelled']);
    expect(canChangeStatus('paid', 'shipped')).toBe(true);
    expect(canChangeStatus('awaiting_payment', 'shipped')).toBe(false);
    expect(canChangeStatus('shipped', 'cancelled')).toBe(false);
    expect(canChangeStatus('cancelled', 'paid')).toBe(false);
    expect(wantsPaymentReminders('awaiting_payment')).toBe(true);
    expect(wantsPaymentReminders('paid')).toBe(false);
  });
});

describe('catalog schema and settings', () => {
  it('fills defaults and resolves variant prices and stock', () => {
    const catalog = catalogSchema.parse({
      products: [{ sku: 'TS-001', name: '棉麻寬版襯衫', price: 980, variants: [{ id: 'XL', size: 'XL', color: '白', stock: 2, price: 1080 }, { id: 'M', size: 'M' }] }],
      settings: DEFAULT_SHOP_SETTINGS,
    });
    const product = catalog.products[0]!;
    expect(unitPriceOf(product, 'XL')).toBe(1080);
    expect(unitPriceOf(product, 'M')).toBe(980);
    expect(stockOf(product, 'XL')).toBe(2);
    expect(stockOf(product, 'M')).toBeNull();
    expect(variantLabel(product.variants[0]!)).toBe('白 / XL');
    expect(variantLabel(product.variants[1]!)).toBe('M');
  });

  it('rejects a payment link without {orderNo} or not on https', () => {
    const bad = (linkTemplate: string) => shopSettingsSchema.safeParse({ ...DEFAULT_SHOP_SETTINGS, payment: { linkTemplate } }).success;
    expect(bad('https://shop.example/pay')).toBe(false);
    expect(bad('http://shop.example/pay/{orderNo}')).toBe(false);
    expect(bad('https://shop.example/pay/{orderNo}')).toBe(true);
  });
});
