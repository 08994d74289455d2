import { z } from 'zod';
import { catalogSchema } from '../catalog/catalog-schema';
import { cartSchema, cartTotalsSchema, orderStatusSchema } from '../orders/cart-schema';

/**
 * Quick-cart events (relay → every client). Order events belong to the conversation the order was made in.
 * The summary and reminder messages themselves travel as ordinary `message.sent` / `delivery.updated`
 * events (with `orderId` and `kind`), so their delivery mode shows like any reply's.
 */
const base = {
  seq: z.number().int().positive(),
  occurredAt: z.number().int().nonnegative(),
};

export const catalogUpdatedEvent = z.object({
  ...base,
  type: z.literal('catalog.updated'),
  payload: z.object({ version: z.number().int().positive(), catalog: catalogSchema, updatedBy: z.string() }),
});

export const orderCreatedEvent = z.object({
  ...base,
  type: z.literal('order.created'),
  conversationId: z.string(),
  payload: z.object({
    orderId: z.string(),
    /** Relay-assigned, human-readable, unique in the shop (e.g. "SO2611230001"). */
    orderNo: z.string(),
    friendId: z.string(),
    cart: cartSchema,
    totals: cartTotalsSchema,
    status: orderStatusSchema,
    agentName: z.string(),
    /** When the agent created it (their clock; may be long before occurredAt if created offline). */
    clientTime: z.number().int().nonnegative(),
    /** When each payment reminder is due (relay clock), while the order stays unpaid. */
    reminderDueAt: z.array(z.number().int()),
    summaryMessageId: z.string().nullable(),
  }),
});

export const orderStatusChangedEvent = z.object({
  ...base,
  type: z.literal('order.statusChanged'),
  conversationId: z.string(),
  payload: z.object({
    orderId: z.string(),
    orderNo: z.string(),
    status: orderStatusSchema,
    previous: orderStatusSchema,
    /** `agent`: changed in the app; `payment`: the payment provider's signed notification. */
    source: z.enum(['agent', 'payment']),
    agentName: z.string().nullable(),
    transactionId: z.string().nullable(),
  }),
});

/** A payment reminder became due and was queued as a message (its delivery follows in message events). */
export const orderReminderQueuedEvent = z.object({
  ...base,
  type: z.literal('order.reminderQueued'),
  conversationId: z.string(),
  payload: z.object({
    orderId: z.string(),
    orderNo: z.string(),
    /** 0 = first reminder. */
    index: z.number().int().nonnegative(),
    messageId: z.string(),
  }),
});

export const ORDER_EVENT_TYPES = ['catalog.updated', 'order.created', 'order.statusChanged', 'order.reminderQueued'] as const;
