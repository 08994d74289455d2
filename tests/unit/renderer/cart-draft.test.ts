import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS, productSchema, type Product } from '../../../src/shared/catalog/catalog-schema';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '../../../src/shared/orders/cart-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import {
  EMPTY_DRAFT,
  buildCart,
  canAddLine,
  cartReducer,
  draftTotals,
  lineKey,
  parseDiscount,
  stockLevel,
  stockShortfall,
  type CartAction,
  type CartDraft,
} from '../../../src/renderer/features/cart/cart-draft';

const SHIRT: Product = productSchema.parse({
  sku: 'TS-001',
  name: '棉麻寬版襯衫',
  price: 980,
  variants: [
    { id: 'TS-001-BL-M', color: '霧藍', size: 'M', stock: 1 },
    { id: 'TS-001-BL-XL', color: '霧藍', size: 'XL', stock: 5, price: 1080 },
  ],
});
const TOTE: Product = productSchema.parse({ sku: 'AC-101', name: '帆布托特包', price: 490, stock: 25 });
const CLIPS: Product = productSchema.parse({ sku: 'AC-118', name: '珍珠髮夾', price: 290, stock: 0 });
const UNTRACKED: Product = productSchema.parse({ sku: 'GC-1', name: '禮物卡', price: 500 });

const run = (actions: CartAction[], from: CartDraft = EMPTY_DRAFT) => actions.reduce(cartReducer, from);
const add = (product: Product, variantId: string | null = null): CartAction => ({ type: 'add', product, variantId });

describe('cart draft reducer', () => {
  it('adds a line with the name, variant label and unit price it has now', () => {
    const draft = run([add(SHIRT, 'TS-001-BL-XL')]);
    expect(draft.lines).toEqual([{ sku: 'TS-001', variantId: 'TS-001-BL-XL', name: '棉麻寬版襯衫', variantLabel: '霧藍 / XL', unitPrice: 1080, quantity: 1 }]);
  });

  it('merges the same variant added twice, keeps other variants and products apart', () => {
    const draft = run([add(SHIRT, 'TS-001-BL-M'), add(TOTE), add(SHIRT, 'TS-001-BL-M'), add(SHIRT, 'TS-001-BL-XL')]);
    expect(draft.lines.map((line) => [line.variantId ?? line.sku, line.quantity])).toEqual([
      ['TS-001-BL-M', 2],
      ['AC-101', 1],
      ['TS-001-BL-XL', 1],
    ]);
  });

  it('keeps quantities between 1 and the maximum, whole numbers only', () => {
    const key = lineKey({ sku: 'AC-101', variantId: null });
    const draft = run([add(TOTE)]);
    expect(run([{ type: 'setQuantity', key, quantity: 0 }], draft).lines[0]!.quantity).toBe(1);
    expect(run([{ type: 'setQuantity', key, quantity: -4 }], draft).lines[0]!.quantity).toBe(1);
    expect(run([{ type: 'setQuantity', key, quantity: 5000 }], draft).lines[0]!.quantity).toBe(MAX_LINE_QUANTITY);
    expect(run([{ type: 'setQuantity', key, quantity: 2.7 }], draft).lines[0]!.quantity).toBe(2);
    expect(run([{ type: 'setQuantity', key, quantity: Number.NaN }], draft)).toBe(draft);
    const full = run([{ type: 'setQuantity', key, quantity: MAX_LINE_QUANTITY }, add(TOTE)], draft);
    expect(full.lines[0]!.quantity).toBe(MAX_LINE_QUANTITY);
  });

  it('removes a line and clears the cart', () => {
    const draft = run([add(TOTE), add(SHIRT, 'TS-001-BL-M'), { type: 'note', note: '週五前寄出' }]);
    expect(run([{ type: 'remove', key: lineKey({ sku: 'AC-101', variantId: null }) }], draft).lines.map((line) => line.sku)).toEqual(['TS-001']);
    expect(run([{ type: 'clear' }], draft)).toEqual(EMPTY_DRAFT);
  });

  it(`stops at ${MAX_CART_LINES} lines but still merges into an existing one`, () => {
    const products = Array.from({ length: MAX_CART_LINES }, (_, index) => productSchema.parse({ sku: `P-${index}`, name: `商品 ${index}`, price: 100 }));
    const full = run(products.map((product) => add(product)));
    expect(full.lines).toHaveLength(MAX_CART_LINES);
    expect(canAddLine(full, TOTE, null)).toBe(false);
    expect(run([add(TOTE)], full)).toBe(full);
    expect(canAddLine(full, products[0]!, null)).toBe(true);
    expect(run([add(products[0]!)], full).lines[0]!.quantity).toBe(2);
  });
});

describe('stock', () => {
  it('warns when the quantity exceeds the stock of the chosen variant, never for untracked stock', () => {
    const products = [SHIRT, TOTE, UNTRACKED];
    const draft = run([add(SHIRT, 'TS-001-BL-M'), add(SHIRT, 'TS-001-BL-M'), add(SHIRT, 'TS-001-BL-XL'), add(UNTRACKED), add(UNTRACKED)]);
    expect(draft.lines.map((line) => stockShortfall(line, products))).toEqual([1, null, null]);
    // A product no longer in the catalog cannot be checked: no warning.
    expect(stockShortfall(draft.lines[0]!, [TOTE])).toBeNull();
  });

  it('labels stock levels for the variant chips', () => {
    expect([null, 0, 1, 3, 4].map(stockLevel)).toEqual(['untracked', 'out', 'low', 'low', 'ok']);
    expect(stockLevel(CLIPS.stock)).toBe('out');
  });
});

describe('discount input', () => {
  it('accepts whole numbers (full-width too) and treats empty or zero as no discount', () => {
    expect(parseDiscount({ kind: 'amount', text: '120' })).toEqual({ ok: true, discount: { kind: 'amount', value: 120 } });
    expect(parseDiscount({ kind: 'amount', text: '１,２００' })).toEqual({ ok: true, discount: { kind: 'amount', value: 1200 } });
    expect(parseDiscount({ kind: 'percent', text: ' 10 ' })).toEqual({ ok: true, discount: { kind: 'percent', value: 10 } });
    expect(parseDiscount({ kind: 'amount', text: '' })).toEqual({ ok: true, discount: null });
    expect(parseDiscount({ kind: 'amount', text: '0' })).toEqual({ ok: true, discount: null });
    expect(parseDiscount({ kind: 'none', text: 'abc' })).toEqual({ ok: true, discount: null });
  });

  it('refuses decimals, signs, words and out-of-range values instead of rounding them', () => {
    expect(parseDiscount({ kind: 'amount', text: '12.5' })).toEqual({ ok: false, problem: 'notInteger' });
    expect(parseDiscount({ kind: 'amount', text: '-50' })).toEqual({ ok: false, problem: 'notInteger' });
    expect(parseDiscount({ kind: 'percent', text: '十' })).toEqual({ ok: false, problem: 'notInteger' });
    expect(parseDiscount({ kind: 'percent', text: '0' })).toEqual({ ok: false, problem: 'percentRange' });
    expect(parseDiscount({ kind: 'percent', text: '101' })).toEqual({ ok: false, problem: 'percentRange' });
    expect(parseDiscount({ kind: 'amount', text: '10000001' })).toEqual({ ok: false, problem: 'tooLarge' });
  });
});

describe('totals and the order cart', () => {
  const withShipping = (draft: CartDraft, patch: Partial<CartDraft['shipping']>) => cartReducer(draft, { type: 'shipping', patch });

  it('computes the totals the agent sees with computeCartTotals and the shop fee of the method', () => {
    let draft = run([add(SHIRT, 'TS-001-BL-M'), add(TOTE), add(TOTE), { type: 'discount', patch: { kind: 'percent', text: '10' } }]);
    expect(draftTotals(draft, DEFAULT_SHOP_SETTINGS)).toEqual({ itemCount: 3, subtotal: 1960, discount: 196, shippingFee: 0, freeShipping: true, total: 1764 });
    draft = run([{ type: 'remove', key: lineKey({ sku: 'TS-001', variantId: 'TS-001-BL-M' }) }], withShipping(draft, { method: 'home' }));
    expect(draftTotals(draft, DEFAULT_SHOP_SETTINGS)).toEqual({ itemCount: 2, subtotal: 980, discount: 98, shippingFee: 100, freeShipping: false, total: 982 });
  });

  it('counts an invalid discount as none in the totals and refuses to build the cart', () => {
    const draft = run([add(TOTE), { type: 'discount', patch: { kind: 'amount', text: '12.5' } }]);
    expect(draftTotals(draft, DEFAULT_SHOP_SETTINGS).discount).toBe(0);
    expect(buildCart(draft, DEFAULT_SHOP_SETTINGS)).toEqual({ ok: false, problem: 'discount' });
    expect(buildCart(EMPTY_DRAFT, DEFAULT_SHOP_SETTINGS)).toEqual({ ok: false, problem: 'empty' });
  });

  it('builds the order cart: store name for pickup, address for home delivery, fee and threshold from the settings', () => {
    const draft = withShipping(run([add(TOTE), { type: 'note', note: '  請包裝成禮物 ' }]), { storeName: ' 信義門市 ', address: '台北市信義區' });
    const pickup = buildCart(draft, DEFAULT_SHOP_SETTINGS);
    expect(pickup).toMatchObject({ ok: true, cart: { shipping: { method: 'seven_eleven', storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 1000 }, note: '請包裝成禮物', discount: null } });
    const home = buildCart(withShipping(draft, { method: 'home' }), { ...DEFAULT_SHOP_SETTINGS, shipping: { fees: { seven_eleven: 60, family_mart: 65, home: 120 }, freeShippingThreshold: null } });
    expect(home).toMatchObject({ ok: true, cart: { shipping: { method: 'home', storeName: null, address: '台北市信義區', fee: 120, freeShippingThreshold: null } } });
  });

  it('always shows the same totals the relay will compute from the built cart (random carts)', () => {
    const products = [SHIRT, TOTE, UNTRACKED];
    const action = fc.oneof(
      fc.record({ type: fc.constant('add' as const), product: fc.constantFrom(...products), pick: fc.nat(3) }).map(({ product, pick }) =>
        add(product, product.variants.length ? product.variants[pick % product.variants.length]!.id : null),
      ),
      fc.record({ type: fc.constant('setQuantity' as const), index: fc.nat(5), quantity: fc.integer({ min: -5, max: 2000 }) }),
      fc.record({ kind: fc.constantFrom('none' as const, 'amount' as const, 'percent' as const), text: fc.oneof(fc.nat(3000).map(String), fc.string({ maxLength: 4 })) }).map(
        (patch): CartAction => ({ type: 'discount', patch }),
      ),
      fc.constantFrom<CartAction>(...(['seven_eleven', 'family_mart', 'home'] as const).map((method) => ({ type: 'shipping' as const, patch: { method } }))),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let draft = EMPTY_DRAFT;
        for (const step of actions) {
          const resolved: CartAction =
            'index' in step ? { type: 'setQuantity', key: draft.lines[step.index % Math.max(1, draft.lines.length)] ? lineKey(draft.lines[step.index % draft.lines.length]!) : '', quantity: step.quantity } : step;
          draft = cartReducer(draft, resolved);
        }
        for (const line of draft.lines) expect(line.quantity).toBeGreaterThanOrEqual(1);
        const shown = draftTotals(draft, DEFAULT_SHOP_SETTINGS);
        expect(Number.isInteger(shown.total)).toBe(true);
        expect(shown.total).toBeGreaterThanOrEqual(0);
        const built = buildCart(draft, DEFAULT_SHOP_SETTINGS);
        if (built.ok) expect(computeCartTotals(built.cart)).toEqual(shown);
        else expect(draft.lines.length === 0 || !parseDiscount(draft.discount).ok).toBe(true);
      }),
    );
  });
});
