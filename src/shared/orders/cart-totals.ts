import type { CartTotals, Discount, ShippingChoice } from './cart-schema';

/**
 * Cart arithmetic in whole NT$, the one place it is done (app, relay and summary message use it):
 * subtotal = Σ unit price × quantity; a percent discount is rounded half up to a whole dollar and never
 * exceeds the subtotal; shipping is free when the goods after discount reach the threshold;
 * total = subtotal − discount + shipping, never negative.
 */
export function computeCartTotals(cart: {
  lines: readonly { unitPrice: number; quantity: number }[];
  discount: Discount | null;
  shipping: Pick<ShippingChoice, 'fee' | 'freeShippingThreshold'>;
}): CartTotals {
  let subtotal = 0;
  let itemCount = 0;
  for (const line of cart.lines) {
    subtotal += line.unitPrice * line.quantity;
    itemCount += line.quantity;
  }
  const discount = discountAmount(subtotal, cart.discount);
  const goods = subtotal - discount;
  const threshold = cart.shipping.freeShippingThreshold;
  const freeShipping = itemCount > 0 && threshold !== null && goods >= threshold;
  const shippingFee = itemCount === 0 || freeShipping ? 0 : cart.shipping.fee;
  return { itemCount, subtotal, discount, shippingFee, freeShipping, total: goods + shippingFee };
}

export function discountAmount(subtotal: number, discount: Discount | null): number {
  if (!discount) return 0;
  const raw = discount.kind === 'amount' ? discount.value : Math.floor((subtotal * discount.value + 50) / 100);
  return Math.min(subtotal, Math.max(0, raw));
}

/** How much more the customer would have to buy for free shipping (null when it does not apply). */
export function amountToFreeShipping(totals: CartTotals, threshold: number | null): number | null {
  if (threshold === null || totals.freeShipping || totals.itemCount === 0) return null;
  return threshold - (totals.subtotal - totals.discount);
}

/** "NT$1,280" — grouping with commas, as Taiwanese shops write prices. */
export function formatNtd(amount: number): string {
  const sign = amount < 0 ? '−' : '';
  return `${sign}NT$${Math.abs(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
