import { z } from 'zod';
import { catalogSchema } from '../catalog/catalog-schema';
import { cartSchema, cartTotalsSchema, orderStatusSchema } from '../orders/cart-schema';
import { messageDeliverySchema } from './views';

/** IPC channels for the catalog, the quick cart and the orders view (spread into ipcContract). */

const ok = z.object({ ok: z.literal(true) });
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });

export const catalogInfoSchema = z.object({
  /** 0 before the first catalog arrived from the relay (then `catalog` holds the defaults and no products). */
  version: z.number().int().nonnegative(),
  catalog: catalogSchema,
  updatedBy: z.string().nullable(),
  updatedAt: z.number().int().nullable(),
});
export type CatalogInfo = z.infer<typeof catalogInfoSchema>;

/** One problem in an imported CSV: `row` is the 1-based line in the file (the header is line 1). */
export const csvRowErrorSchema = z.object({
  row: z.number().int().positive(),
  /** The column header as written in the file, or null for the whole row. */
  column: z.string().nullable(),
  code: z.enum([
    'missing_column', // a required column is not in the header (row 1)
    'required', // empty required cell
    'not_integer', // price/stock is not a whole number
    'negative',
    'too_long',
    'duplicate_variant', // the same SKU + variant appears twice
    'name_conflict', // rows of one SKU disagree on the product's name
    'bad_url',
    'malformed', // unbalanced quotes, wrong number of cells…
  ]),
  /** The offending cell's text (cut to 60 characters). */
  value: z.string().nullable(),
});
export type CsvRowError = z.infer<typeof csvRowErrorSchema>;

export const catalogCsvPreviewSchema = z.object({
  /** Products that would be imported (rows with errors left out). */
  products: catalogSchema.shape.products,
  rowCount: z.number().int().nonnegative(),
  errors: z.array(csvRowErrorSchema),
  /** Of `products`: SKUs that are new to the catalog / that replace an existing product. */
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
});
export type CatalogCsvPreview = z.infer<typeof catalogCsvPreviewSchema>;

export const orderReminderViewSchema = z.object({
  index: z.number().int().nonnegative(),
  dueAt: z.number().int(),
  /** null until the relay queued it. */
  messageId: z.string().nullable(),
  delivery: messageDeliverySchema.nullable(),
  deliveryReason: z.string().nullable(),
  /** Not sent because the order was paid or cancelled first. */
  skipped: z.boolean(),
});
export type OrderReminderView = z.infer<typeof orderReminderViewSchema>;

export const orderViewSchema = z.object({
  orderId: z.string(),
  /** null while the order waits in the outbox (created offline): numbered on sync. */
  orderNo: z.string().nullable(),
  conversationId: z.string(),
  friendId: z.string(),
  customerName: z.string(),
  cart: cartSchema,
  totals: cartTotalsSchema,
  status: orderStatusSchema,
  /** queued: not yet accepted by the relay; rejected: the relay refused it (syncError says why). */
  sync: z.enum(['queued', 'synced', 'rejected']),
  syncError: z.string().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  summary: z
    .object({ messageId: z.string(), delivery: messageDeliverySchema.nullable(), deliveryReason: z.string().nullable() })
    .nullable(),
  /** This app queued `orders:sendSummary` and the relay has not answered yet (works offline). */
  summaryQueued: z.boolean(),
  reminders: z.array(orderReminderViewSchema),
  /** Last status change: who/what made it and when. */
  statusChangedAt: z.number().int().nullable(),
  statusSource: z.enum(['agent', 'payment']).nullable(),
});
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderIpcContract = {
  /** The shop's catalog and selling settings as last synced (works offline). */
  'catalog:get': { input: z.object({}), output: catalogInfoSchema },
  /** Parses a CSV file's text into products with per-row errors; nothing is saved. */
  'catalog:previewCsv': {
    input: z.object({ text: z.string().max(20_000_000) }),
    output: z.union([ok.extend({ preview: catalogCsvPreviewSchema }), failure]),
  },
  /** Saves the whole catalog on the relay (needs a connection); CONFLICT when someone saved since baseVersion. */
  'catalog:save': {
    input: z.object({ catalog: catalogSchema, baseVersion: z.number().int().nonnegative() }),
    output: z.union([ok.extend({ version: z.number().int().positive() }), failure]),
  },

  /** Creates the order locally and queues `order.create` (works offline; numbered by the relay on sync). */
  'orders:create': {
    input: z.object({
      conversationId: z.string().min(1),
      cart: cartSchema,
      sendSummary: z.boolean().default(true),
      /** The agent confirmed a counted push for the summary if no free reply is possible. */
      push: z.boolean().optional(),
    }),
    output: z.union([ok.extend({ orderId: z.string(), totals: cartTotalsSchema }), failure]),
  },
  'orders:list': {
    input: z.object({
      conversationId: z.string().optional(),
      status: orderStatusSchema.optional(),
      /** Matches order number or customer name. */
      query: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({
      orders: z.array(orderViewSchema),
      /** Orders per status in the whole shop (for the filter chips). */
      counts: z.record(orderStatusSchema, z.number().int().nonnegative()),
    }),
  },
  'orders:get': { input: z.object({ orderId: z.string() }), output: orderViewSchema.nullable() },
  /** Queues a status change (works offline); refused at once when the change is impossible from the local status. */
  'orders:setStatus': {
    input: z.object({ orderId: z.string(), status: z.enum(['paid', 'shipped', 'cancelled']) }),
    output: z.union([ok, failure]),
  },
  /**
   * Queues `order.sendSummary` (works offline): for an order awaiting payment whose summary was never sent,
   * failed or was cancelled. Refused at once (UNKNOWN_ORDER, NOT_SYNCED, BAD_STATUS, ALREADY_QUEUED,
   * SUMMARY_ON_ITS_WAY) when this app can already tell; the relay's refusal shows on the order.
   */
  'orders:sendSummary': {
    input: z.object({
      orderId: z.string(),
      /** The agent confirmed a counted push if no free reply is possible. */
      push: z.boolean().optional(),
    }),
    output: z.union([ok, failure]),
  },
} as const;
