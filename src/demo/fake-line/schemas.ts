import { z } from 'zod';

/**
 * Request bodies the fake LINE platform accepts, following messaging-api.yml (tests/fakes/line-openapi).
 * Only what the relay sends is modelled closely; other message types are accepted loosely.
 */
const httpsUrl = z
  .string({ message: 'Must be a string' })
  .max(2000, 'Length must be between 0 and 2000')
  .refine((url) => /^https:\/\/[^\s]+$/.test(url), 'Must be an https URL');

/** Image and sticker messages (ImageMessage, StickerMessage in messaging-api.yml), as LINE checks them. */
const imageFields = z.object({ originalContentUrl: httpsUrl, previewImageUrl: httpsUrl });
const stickerFields = z.object({ packageId: z.string({ message: 'Must be a string' }).min(1), stickerId: z.string({ message: 'Must be a string' }).min(1) });

/** Text messages are checked like LINE does (1–5000 characters), images and stickers by their fields; other types only need a type. */
export const messageSchema = z
  .looseObject({ type: z.string().min(1, 'Must not be empty'), text: z.unknown().optional() })
  .superRefine((message, context) => {
    const fields = message.type === 'image' ? imageFields : message.type === 'sticker' ? stickerFields : null;
    if (fields) {
      for (const issue of fields.safeParse(message).error?.issues ?? []) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return;
    }
    if (message.type !== 'text') return;
    if (typeof message.text !== 'string') {
      context.addIssue({ code: 'custom', path: ['text'], message: 'Must be a string' });
    } else if (message.text.length === 0) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'May not be empty' });
    } else if (message.text.length > 5000) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'Length must be between 0 and 5000' });
    }
  });

const messagesSchema = z.array(messageSchema).min(1, 'Size must be between 1 and 5').max(5, 'Size must be between 1 and 5');

export const replyMessageRequestSchema = z.object({
  replyToken: z.string().min(1, 'Must not be empty'),
  messages: messagesSchema,
  notificationDisabled: z.boolean().optional(),
});
export type ReplyMessageRequest = z.infer<typeof replyMessageRequestSchema>;

export const pushMessageRequestSchema = z.object({
  to: z.string().min(1, 'Must not be empty'),
  messages: messagesSchema,
  notificationDisabled: z.boolean().optional(),
  customAggregationUnits: z.array(z.string()).optional(),
});
export type PushMessageRequest = z.infer<typeof pushMessageRequestSchema>;

export const showLoadingAnimationRequestSchema = z.object({
  chatId: z.string().min(1, 'Must not be empty'),
  loadingSeconds: z
    .number()
    .int()
    .min(5, 'Must be between 5 and 60')
    .max(60, 'Must be between 5 and 60')
    .refine((seconds) => seconds % 5 === 0, 'Must be a multiple of 5')
    .optional(),
});

export const markAsReadRequestSchema = z.object({
  markAsReadToken: z.string().min(1, 'Must not be empty'),
});

export const uuidSchema = z.uuid();

/** LINE's 400 shape: `{message, details: [{message, property}]}`. */
export function lineValidationError(error: z.ZodError): { message: string; details: { message: string; property: string }[] } {
  const details = error.issues.map((issue) => ({
    message: issue.message,
    property: issue.path
      .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
      .join(''),
  }));
  return { message: `The request body has ${details.length} error(s)`, details };
}
