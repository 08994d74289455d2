import { z } from 'zod';
import { ntdAmountSchema, shippingMethodSchema } from '../catalog/catalog-schema';

/**
 * A cart as the agent built it: each line keeps the name and unit price it had when it was added (the
 * catalog may change later; an order must not). The same shape travels in `order.create`, and both the app
 * and the relay compute totals from it with computeCartTotals, so they always agree.
 */

export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 999;

export const cartLineSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  /** null for a product without variants. */
  variantId: z.string().trim().min(1).max(64).nullable(),
  name: z.string().trim().min(1).max(120),
  /** "白 / M" (empty when no variant). */
  variantLabel: z.string().max(80),
  unitPrice: ntdAmountSchema,
  quantity: z.number().int('quantity must be a whole number').min(1, 'quantity must be at least 1').max(MAX_LINE_QUANTITY),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const shippingChoiceSchema = z
  .object({
    method: shippingMethodSchema,
    /** Convenience-store pickup: the store the customer chose (e.g. "信義門市"). */
    storeName: z.string().trim().max(60).nullable().default(null),
    /** Home delivery address. */
    address: z.string().trim().max(200).nullable().default(null),
    /** The shop's fee for this method when the cart was built. */
    fee: ntdAmountSchema,
    /** Goods total (after discount) from which shipping is free, as configured then; null = never. */
    freeShippingThreshold: ntdAmountSchema.nullable(),
  });
export type ShippingChoice = z.infer<typeof shippingChoiceSchema>;

export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), value: ntdAmountSchema }),
  /** Whole percent off the goods (1–100). */
  z.object({ kind: z.literal('percent'), value: z.number().int().min(1).max(100) }),
]);
export type Discount = z.infer<typeof discountSchema>;

export const cartSchema = z.object({
  lines: z.array(cartLineSchema).min(1, 'the cart is empty').max(MAX_CART_LINES),
  shipping: shippingChoiceSchema,
  discount: discountSchema.nullable().default(null),
  note: z.string().trim().max(500).default(''),
});
export type Cart = z.infer<typeof cartSchema>;
export type CartInput = z.input<typeof cartSchema>;

export const cartTotalsSchema = z.object({
  itemCount: z.number().int().nonnegative(),
  subtotal: z.number().int().nonnegative(),
  discount: z.number().int().nonnegative(),
  shippingFee: z.number().int().nonnegative(),
  freeShipping: z.boolean(),
  total: z.number().int().nonnegative(),
});
export type CartTotals = z.infer<typeof cartTotalsSchema>;

export const orderStatusSchema = z.enum(['awaiting_payment', 'paid', 'shipped', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
