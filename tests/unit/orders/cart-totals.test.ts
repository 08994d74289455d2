import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartSchema, type Discount } from '../../../src/shared/orders/cart-schema';
import { amountToFreeShipping, computeCartTotals, discountAmount, formatNtd } from '../../../src/shared/orders/cart-totals';

const lineArb = fc.record({
  unitPrice: fc.integer({ min: 0, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 999 }),
});
const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 100 }) }),
);
const shippingArb = fc.record({
  fee: fc.integer({ min: 0, max: 500 }),
  freeShippingThreshold: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
});
const cartArb = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 50 }), discount: discountArb, shipping: shippingArb });

describe('computeCartTotals over random carts (property)', () => {
  it('is whole NT$, never negative, and adds up: total = subtotal − discount + shipping', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeCartTotals(cart);
        for (const value of [totals.subtotal, totals.discount, totals.shippingFee, totals.total, totals.itemCount]) {
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
        expect(totals.total).toBe(totals.subtotal - totals.discount + totals.shippingFee);
        expect(totals.subtotal).toBe(cart.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0));
        expect(totals.itemCount).toBe(cart.lines.reduce((sum, line) => sum + line.quantity, 0));
        expect(totals.discount).toBeLessThanOrEqual(totals.subtotal);
      }),
      { numRuns: 2000 },
    );
  });

  it('ships free exactly when the goods after discount reach the threshold', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeCartTotals(cart);
        const goods = totals.subtotal - totals.discount;
        const threshold = cart.shipping.freeShippingThreshold;
        const free = threshold !== null && goods >= threshold;
        expect(totals.freeShipping).toBe(free);
        expect(totals.shippingFee).toBe(free ? 0 : cart.shipping.fee);
        const missing = amountToFreeShipping(totals, threshold);
        if (free || threshold === null) expect(missing).toBeNull();
        else expect(missing).toBe(threshold - goods);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(cartArb, fc.integer(), (cart, seed) => {
        const shuffled = [...cart.lines].sort((a, b) => ((a.unitPrice * 31 + a.quantity + seed) % 7) - ((b.unitPrice * 31 + b.quantity + seed) % 7));
        expect(computeCartTotals({ ...cart, lines: shuffled })).toEqual(computeCartTotals(cart));
      }),
    );
  });

  it('percent discounts round half up to a whole dollar and 100 % makes the goods free', () => {
    expect(discountAmount(1005, { kind: 'percent', value: 10 })).toBe(101); // 100.5 → 101
    expect(discountAmount(1004, { kind: 'percent', value: 10 })).toBe(100); // 100.4 → 100
    expect(discountAmount(999, { kind: 'percent', value: 100 })).toBe(999);
    expect(discountAmount(300, { kind: 'amount', value: 500 })).toBe(300);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 100 }), (subtotal, percent) => {
        const amount = discountAmount(subtotal, { kind: 'percent', value: percent });
        expect(Math.abs(amount - (subtotal * percent) / 100)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('a worked example: two shirts, a tote, 10 % off, 7-ELEVEN below the threshold', () => {
    const totals = computeCartTotals({
      lines: [
        { unitPrice: 390, quantity: 2 },
        { unitPrice: 490, quantity: 1 },
      ],
      discount: { kind: 'percent', value: 10 },
      shipping: { fee: 60, freeShippingThreshold: 1200 },
    });
    expect(totals).toEqual({ itemCount: 3, subtotal: 1270, discount: 127, shippingFee: 60, freeShipping: false, total: 1203 });
  });
});

describe('cart schema at the boundary', () => {
  const valid = {
    lines: [{ sku: 'TS-001', variantId: 'TS-001-白-M', name: '棉麻寬版襯衫', variantLabel: '白 / M', unitPrice: 980, quantity: 1 }],
    shipping: { method: 'seven_eleven', storeName: '信義門市', fee: 60, freeShippingThreshold: 1000 },
  };
  it('accepts a cart and fills defaults', () => {
    const cart = cartSchema.parse(valid);
    expect(cart.discount).toBeNull();
    expect(cart.note).toBe('');
    expect(cart.shipping.address).toBeNull();
  });
  it.each([
    ['an empty cart', { ...valid, lines: [] }],
    ['a fractional price', { ...valid, lines: [{ ...valid.lines[0], unitPrice: 980.5 }] }],
    ['a zero quantity', { ...valid, lines: [{ ...valid.lines[0], quantity: 0 }] }],
    ['a 150 % discount', { ...valid, discount: { kind: 'percent', value: 150 } }],
    ['an unknown shipping method', { ...valid, shipping: { ...valid.shipping, method: 'drone' } }],
  ])('rejects %s', (_name, cart) => {
    expect(cartSchema.safeParse(cart).success).toBe(false);
  });
});

describe('formatNtd', () => {
  it.each([
    [0, 'NT$0'],
    [980, 'NT$980'],
    [1280, 'NT$1,280'],
    [1234567, 'NT$1,234,567'],
    [-60, '−NT$60'],
  ])('%d → %s', (amount, text) => expect(formatNtd(amount)).toBe(text));
});
