import { z } from 'zod';

/**
 * The minimum every LINE webhook body must have. Individual events are kept loose here
 * (`looseObject`): unknown event types must be stored, not rejected.
 */
export const lineWebhookEventSchema = z.looseObject({
  type: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
});

export const lineCallbackSchema = z.object({
  destination: z.string(),
  events: z.array(lineWebhookEventSchema),
});
export type LineCallback = z.infer<typeof lineCallbackSchema>;
export type LineWebhookEvent = z.infer<typeof lineWebhookEventSchema>;

/** Fields the relay reads from an event, each optional so odd events still map to something. */
export const lineEventFieldsSchema = z.object({
  type: z.string(),
  timestamp: z.number(),
  mode: z.string().optional(),
  webhookEventId: z.string().min(1).optional(),
  replyToken: z.string().min(1).optional(),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).partial().optional(),
  source: z
    .object({
      type: z.string(),
      userId: z.string().optional(),
      groupId: z.string().optional(),
      roomId: z.string().optional(),
    })
    .optional(),
  message: z
    .looseObject({
      id: z.string(),
      type: z.string(),
      text: z.string().optional(),
      fileName: z.string().optional(),
      fileSize: z.number().int().nonnegative().optional(),
      duration: z.number().int().nonnegative().optional(),
      title: z.string().optional(),
      address: z.string().optional(),
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      markAsReadToken: z.string().min(1).optional(),
      quoteToken: z.string().min(1).optional(),
      quotedMessageId: z.string().min(1).optional(),
      contentProvider: z
        .object({ type: z.string(), originalContentUrl: z.string().optional(), previewImageUrl: z.string().optional() })
        .optional(),
      imageSet: z.object({ id: z.string(), index: z.number().int().optional(), total: z.number().int().optional() }).optional(),
      packageId: z.string().optional(),
      stickerId: z.string().optional(),
      stickerResourceType: z.string().optional(),
      keywords: z.array(z.string()).optional(),
    })
    .optional(),
  postback: z.object({ data: z.string(), params: z.record(z.string(), z.unknown()).optional() }).optional(),
  follow: z.object({ isUnblocked: z.boolean().optional() }).optional(),
  unsend: z.object({ messageId: z.string() }).optional(),
  joined: z.object({ members: z.array(z.object({ userId: z.string().optional() })) }).optional(),
  left: z.object({ members: z.array(z.object({ userId: z.string().optional() })) }).optional(),
});
export type LineEventFields = z.infer<typeof lineEventFieldsSchema>;

/** Longest issue message an answer repeats: a message that quotes its input must not echo a huge value. */
const MAX_ISSUE_MESSAGE = 200;

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length ? issue.path.slice(0, 8).map(String).join('.').slice(0, MAX_ISSUE_MESSAGE) : '(body)';
      const message = issue.message.length > MAX_ISSUE_MESSAGE ? `${issue.message.slice(0, MAX_ISSUE_MESSAGE)}…` : issue.message;
      return `${path}: ${message}`;
    })
    .join('; ');
}
