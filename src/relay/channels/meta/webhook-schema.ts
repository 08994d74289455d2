import { z } from 'zod';

/**
 * Meta webhook bodies (Messenger: `object: "page"`, Instagram: `object: "instagram"`).
 *
 * Two levels, so that one odd item never costs the rest of a batch: the envelope is checked strictly (a body
 * that fails it is refused with 400 and Meta redelivers it), each messaging item is read loosely later by
 * intake.ts (an item it does not understand is kept as `unknown`, never dropped). Everything is bounded; the
 * HTTP layer's body limit bounds the total.
 */
export const META_WEBHOOK_LIMITS = {
  entries: 1000,
  itemsPerEntry: 1000,
  idChars: 128,
  midChars: 1024,
  textChars: 65_536,
  attachments: 100,
  urlChars: 8192,
  payloadChars: 8192,
  mids: 1000,
} as const;

const L = META_WEBHOOK_LIMITS;

/** Meta's ids are strings of digits; some tools send them as JSON numbers. */
export const metaIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value))
  .pipe(z.string().min(1).max(L.idChars));

const boundedItems = z.array(z.unknown()).max(L.itemsPerEntry);

export const metaWebhookEntrySchema = z.looseObject({
  id: metaIdSchema,
  time: z.number().nonnegative(),
  messaging: boundedItems.optional(),
  /** Items of threads another app controls (handover protocol): same shape as `messaging`. */
  standby: boundedItems.optional(),
  /** Field-change notifications (comments, mentions, …): not messages, kept as unknown items. */
  changes: boundedItems.optional(),
});

export const metaWebhookSchema = z.looseObject({
  object: z.enum(['page', 'instagram']),
  entry: z.array(metaWebhookEntrySchema).max(L.entries),
});
export type MetaWebhook = z.infer<typeof metaWebhookSchema>;
export type MetaWebhookEntry = z.infer<typeof metaWebhookEntrySchema>;

const participantSchema = z.looseObject({ id: metaIdSchema });
const shortText = z.string().max(L.payloadChars);

export const metaAttachmentSchema = z.looseObject({
  type: z.string().min(1).max(64),
  payload: z
    .looseObject({
      url: z.string().max(L.urlChars).optional(),
      title: shortText.optional(),
      sticker_id: z.union([z.number(), z.string().max(64)]).optional(),
    })
    .nullish(),
  // Messenger `fallback` attachments carry these beside the payload.
  title: shortText.optional(),
  url: z.string().max(L.urlChars).optional(),
});

export const metaMessageSchema = z.looseObject({
  mid: z.string().min(1).max(L.midChars),
  text: z.string().max(L.textChars).optional(),
  attachments: z.array(metaAttachmentSchema).max(L.attachments).optional(),
  quick_reply: z.looseObject({ payload: shortText }).optional(),
  reply_to: z
    .looseObject({
      mid: z.string().min(1).max(L.midChars).optional(),
      story: z.looseObject({ url: z.string().max(L.urlChars).optional(), id: metaIdSchema.optional() }).optional(),
    })
    .optional(),
  is_echo: z.boolean().optional(),
  app_id: metaIdSchema.optional(),
  is_deleted: z.boolean().optional(),
});

export const metaPostbackSchema = z.looseObject({
  title: shortText.optional(),
  payload: shortText.optional(),
  mid: z.string().min(1).max(L.midChars).optional(),
});

export const metaReadSchema = z.looseObject({
  watermark: z.number().nonnegative().optional(),
  mid: z.string().min(1).max(L.midChars).optional(),
});

export const metaDeliverySchema = z.looseObject({
  mids: z.array(z.string().min(1).max(L.midChars)).max(L.mids).optional(),
  watermark: z.number().nonnegative().optional(),
});

export const metaReactionSchema = z.looseObject({
  mid: z.string().min(1).max(L.midChars),
  action: z.enum(['react', 'unreact']),
  emoji: z.string().max(64).optional(),
  reaction: z.string().max(64).optional(),
});

/** The envelope of one messaging item; which of the payload fields it has decides its kind. */
export const metaItemEnvelopeSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: z.number().nonnegative().optional(),
});

/** Payload fields in the order intake.ts looks for them (an item normally has exactly one). */
export const META_ITEM_FIELDS = {
  message: metaMessageSchema,
  postback: metaPostbackSchema,
  read: metaReadSchema,
  delivery: metaDeliverySchema,
  reaction: metaReactionSchema,
} as const;
