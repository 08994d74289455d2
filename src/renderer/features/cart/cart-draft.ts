import { stockOf, unitPriceOf, variantLabel, type Product, type ShippingMethod, type ShopSettings } from '../../../shared/catalog/catalog-schema';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, cartSchema, type Cart, type CartLine, type CartTotals, type Discount, type ShippingChoice } from '../../../shared/orders/cart-schema';
import { computeCartTotals } from '../../../shared/orders/cart-totals';

/**
 * The cart an agent is building for one conversation, as typed: the discount stays text until it is valid, store
 * name and address are kept for both methods so switching back and forth loses nothing. Lines keep the name and
 * price they had when added (an order must not change when the catalog does). Pure: the panel and tests share it.
 */
export interface CartDraft {
  lines: CartLine[];
  shipping: { method: ShippingMethod; storeName: string; address: string };
  discount: { kind: DiscountKind; text: string };
  note: string;
}
export type DiscountKind = 'none' | 'amount' | 'percent';

export const EMPTY_DRAFT: CartDraft = {
  lines: [],
  shipping: { method: 'seven_eleven', storeName: '', address: '' },
  discount: { kind: 'none', text: '' },
  note: '',
};

export type CartAction =
  | { type: 'add'; product: Product; variantId: string | null }
  | { type: 'setQuantity'; key: string; quantity: number }
  | { type: 'remove'; key: string }
  | { type: 'shipping'; patch: Partial<CartDraft['shipping']> }
  | { type: 'discount'; patch: Partial<CartDraft['discount']> }
  | { type: 'note'; note: string }
  | { type: 'clear' };

/** Same product and variant = same line. */
export function lineKey(line: Pick<CartLine, 'sku' | 'variantId'>): string {
  return `${line.sku}\u0000${line.variantId ?? ''}`;
}

export function clampQuantity(quantity: number): number {
  return Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.floor(quantity)));
}

export function lineFor(product: Product, variantId: string | null): CartLine {
  const variant = variantId === null ? undefined : product.variants.find((item) => item.id === variantId);
  return {
    sku: product.sku,
    variantId: variant ? variant.id : null,
    name: product.name,
    variantLabel: variant ? variantLabel(variant) : '',
    unitPrice: unitPriceOf(product, variant ? variant.id : null),
    quantity: 1,
  };
}

export function cartReducer(draft: CartDraft, action: CartAction): CartDraft {
  switch (action.type) {
    case 'add': {
      const line = lineFor(action.product, action.variantId);
      const key = lineKey(line);
      if (draft.lines.some((existing) => lineKey(existing) === key)) {
        return { ...draft, lines: draft.lines.map((existing) => (lineKey(existing) === key ? { ...existing, quantity: clampQuantity(existing.quantity + 1) } : existing)) };
      }
      if (draft.lines.length >= MAX_CART_LINES) return draft;
      return { ...draft, lines: [...draft.lines, line] };
    }
    case 'setQuantity':
      if (!Number.isFinite(action.quantity)) return draft;
      return { ...draft, lines: draft.lines.map((line) => (lineKey(line) === action.key ? { ...line, quantity: clampQuantity(action.quantity) } : line)) };
    case 'remove':
      return { ...draft, lines: draft.lines.filter((line) => lineKey(line) !== action.key) };
    case 'shipping':
      return { ...draft, shipping: { ...draft.shipping, ...action.patch } };
    case 'discount':
      return { ...draft, discount: { ...draft.discount, ...action.patch } };
    case 'note':
      return { ...draft, note: action.note };
    case 'clear':
      return EMPTY_DRAFT;
  }
}

export function canAddLine(draft: CartDraft, product: Product, variantId: string | null): boolean {
  const key = lineKey({ sku: product.sku, variantId });
  return draft.lines.length < MAX_CART_LINES || draft.lines.some((line) => lineKey(line) === key);
}

export type DiscountProblem = 'notInteger' | 'tooLarge' | 'percentRange';
export type ParsedDiscount = { ok: true; discount: Discount | null } | { ok: false; problem: DiscountProblem };

const MAX_AMOUNT = 10_000_000;

/** "120", "１２０" → 120. Empty means no discount; anything but a whole number is refused, never rounded. */
export function parseDiscount(input: CartDraft['discount']): ParsedDiscount {
  const text = input.text.normalize('NFKC').trim().replace(/,/g, '');
  if (input.kind === 'none' || text === '') return { ok: true, discount: null };
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'notInteger' };
  const value = Number(text);
  if (input.kind === 'percent') {
    if (value < 1 || value > 100) return { ok: false, problem: 'percentRange' };
    return { ok: true, discount: { kind: 'percent', value } };
  }
  if (value > MAX_AMOUNT) return { ok: false, problem: 'tooLarge' };
  return { ok: true, discount: value === 0 ? null : { kind: 'amount', value } };
}

/** The shipping choice as the order records it: the fee and threshold the agent sees now. */
export function shippingChoiceOf(shipping: CartDraft['shipping'], settings: ShopSettings): ShippingChoice {
  const pickup = shipping.method !== 'home';
  return {
    method: shipping.method,
    storeName: pickup ? shipping.storeName.trim() || null : null,
    address: pickup ? null : shipping.address.trim() || null,
    fee: settings.shipping.fees[shipping.method],
    freeShippingThreshold: settings.shipping.freeShippingThreshold,
  };
}

/** Totals as shown; an invalid discount counts as none until it is fixed (the field shows why). */
export function draftTotals(draft: CartDraft, settings: ShopSettings): CartTotals {
  const parsed = parseDiscount(draft.discount);
  return computeCartTotals({ lines: draft.lines, discount: parsed.ok ? parsed.discount : null, shipping: shippingChoiceOf(draft.shipping, settings) });
}

export type CartProblem = 'empty' | 'discount' | 'invalid';
export type BuiltCart = { ok: true; cart: Cart } | { ok: false; problem: CartProblem; detail?: string };

/** The `orders:create` cart, validated with the same schema the core and relay use. */
export function buildCart(draft: CartDraft, settings: ShopSettings): BuiltCart {
  if (draft.lines.length === 0) return { ok: false, problem: 'empty' };
  const discount = parseDiscount(draft.discount);
  if (!discount.ok) return { ok: false, problem: 'discount' };
  const parsed = cartSchema.safeParse({
    lines: draft.lines,
    shipping: shippingChoiceOf(draft.shipping, settings),
    discount: discount.discount,
    note: draft.note,
  });
  if (!parsed.success) return { ok: false, problem: 'invalid', detail: parsed.error.issues[0]?.message };
  return { ok: true, cart: parsed.data };
}

/** Units on hand for a cart line when the quantity exceeds them (a warning, never a block); null otherwise. */
export function stockShortfall(line: CartLine, products: readonly Product[]): number | null {
  const product = products.find((candidate) => candidate.sku === line.sku);
  if (!product) return null;
  const stock = stockOf(product, line.variantId);
  return stock !== null && line.quantity > stock ? stock : null;
}

/** At or below this many units a variant chip says how many are left. */
export const LOW_STOCK = 3;
export type StockLevel = 'out' | 'low' | 'ok' | 'untracked';

export function stockLevel(stock: number | null): StockLevel {
  if (stock === null) return 'untracked';
  if (stock <= 0) return 'out';
  return stock <= LOW_STOCK ? 'low' : 'ok';
}

export function isEmptyDraft(draft: CartDraft): boolean {
  return (
    draft.lines.length === 0 &&
    draft.note === '' &&
    draft.discount.text === '' &&
    draft.shipping.storeName === '' &&
    draft.shipping.address === ''
  );
}
