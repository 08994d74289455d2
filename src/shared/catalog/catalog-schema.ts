import { z } from 'zod';

/**
 * The shop's catalog and selling settings: ONE document, synced like the reply rules (the relay keeps
 * every version; `catalog.save` replaces it whole, `catalog.updated` brings the newest to every app).
 * Prices are whole New Taiwan dollars: LINE shops quote integers and integer maths never drifts.
 */

export const ntdAmountSchema = z
  .number({ message: 'must be a number' })
  .int('must be a whole number of NT$')
  .min(0, 'cannot be negative')
  .max(10_000_000, 'is too large (at most NT$10,000,000)');

const MAX_STOCK = 10_000_000;

export const variantSchema = z.object({
  /** Unique within the product (usually the variant's own SKU, e.g. "TS-001-WH-M"). */
  id: z.string().trim().min(1, 'variant id is empty').max(64),
  size: z.string().trim().max(32).nullable().default(null),
  color: z.string().trim().max(32).nullable().default(null),
  /** Units on hand; null = not tracked (never warn). */
  stock: z.number().int('stock must be a whole number').min(0, 'stock cannot be negative').max(MAX_STOCK, 'stock is at most 10,000,000').nullable().default(null),
  /** Overrides the product price for this variant (e.g. XL costs more). */
  price: ntdAmountSchema.nullable().default(null),
});
export type Variant = z.infer<typeof variantSchema>;

export const productSchema = z.object({
  sku: z.string().trim().min(1, 'SKU is empty').max(64),
  name: z.string().trim().min(1, 'name is empty').max(120),
  /** English name, searched too (agents and customers mix both). */
  nameEn: z.string().trim().max(120).nullable().default(null),
  price: ntdAmountSchema,
  imageUrl: z.string().trim().max(2000).nullable().default(null),
  /** Empty: the product has no options and `stock` below is its stock. */
  variants: z.array(variantSchema).max(200).default([]),
  stock: z.number().int().min(0).max(MAX_STOCK, 'stock is at most 10,000,000').nullable().default(null),
});
export type Product = z.infer<typeof productSchema>;

export const shippingMethodSchema = z.enum(['seven_eleven', 'family_mart', 'home']);
export type ShippingMethod = z.infer<typeof shippingMethodSchema>;
export const SHIPPING_METHODS: readonly ShippingMethod[] = shippingMethodSchema.options;

export const shopSettingsSchema = z.object({
  shipping: z.object({
    /** Base fee per method. */
    fees: z.object({ seven_eleven: ntdAmountSchema, family_mart: ntdAmountSchema, home: ntdAmountSchema }),
    /** Goods worth at least this much (after discount) ship free; null = never free. */
    freeShippingThreshold: ntdAmountSchema.nullable(),
  }),
  payment: z.object({
    /** Where the customer pays; `{orderNo}` is replaced by the order number. */
    linkTemplate: z
      .string()
      .trim()
      .max(500)
      .refine((value) => value.includes('{orderNo}'), 'must contain {orderNo}')
      .refine((value) => /^https:\/\//.test(value), 'must start with https://'),
  }),
  reminders: z.object({
    /** Minutes after creation at which an unpaid order gets a payment reminder (e.g. 720 = 12 h, 2880 = 48 h). */
    delaysMinutes: z.array(z.number().int().min(1).max(60 * 24 * 60)).max(5),
    /**
     * When a reminder is due and no free reply is possible: `hold` waits for the customer's next message
     * (free; an agent may still push it), `push` sends it at once as a counted push (the shop's standing consent).
     */
    whenNoFreeReply: z.enum(['hold', 'push']),
  }),
});
export type ShopSettings = z.infer<typeof shopSettingsSchema>;

export const catalogSchema = z.object({
  products: z.array(productSchema).max(20_000),
  settings: shopSettingsSchema,
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

export const DEFAULT_SHOP_SETTINGS: ShopSettings = {
  shipping: { fees: { seven_eleven: 60, family_mart: 60, home: 100 }, freeShippingThreshold: 1000 },
  payment: { linkTemplate: 'https://shop.example/pay/{orderNo}' },
  reminders: { delaysMinutes: [12 * 60, 48 * 60], whenNoFreeReply: 'hold' },
};

export const EMPTY_CATALOG: Catalog = { products: [], settings: DEFAULT_SHOP_SETTINGS };

/** The price of one unit of `variantId` (or of the product when it has no variants). */
export function unitPriceOf(product: Product, variantId: string | null): number {
  const variant = variantId === null ? undefined : product.variants.find((item) => item.id === variantId);
  return variant?.price ?? product.price;
}

/** Stock of the chosen variant (or product); null = not tracked. */
export function stockOf(product: Product, variantId: string | null): number | null {
  if (variantId === null) return product.stock;
  return product.variants.find((item) => item.id === variantId)?.stock ?? null;
}

/** "白 / M" — how a variant is named on an order line and in the summary message. */
export function variantLabel(variant: Pick<Variant, 'size' | 'color'>): string {
  return [variant.color, variant.size].filter((part): part is string => part !== null && part !== '').join(' / ');
}
