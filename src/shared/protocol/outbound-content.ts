import { z } from 'zod';
import { boundedId } from './limits';

/**
 * What an agent sends besides text (`reply.sendContent`): a photo or a file uploaded to the relay first
 * (`PUT /uploads/<uploadId>`), or a LINE sticker from the ones bots may send.
 */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const uploadIdSchema = z.string().regex(UPLOAD_ID_PATTERN, 'uploadId must be 8–64 letters, digits, "-" or "_"');

export const outboundContentRefSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), uploadId: uploadIdSchema }),
  z.object({ type: z.literal('file'), uploadId: uploadIdSchema }),
  z.object({ type: z.literal('sticker'), packageId: z.string().regex(/^\d{1,12}$/), stickerId: z.string().regex(/^\d{1,12}$/) }),
]);
export type OutboundContentRef = z.infer<typeof outboundContentRefSchema>;

export const replySendContentPayload = z.object({
  conversationId: boundedId('conversationId'),
  content: outboundContentRefSchema,
  /** The customer's message this answers (LINE quotes it with its quoteToken). */
  quoteOf: boundedId('quoteOf').optional(),
  /** The agent's consent to send THIS message as a counted push when no free reply is possible. */
  push: z.boolean().optional(),
});
export type ReplySendContentPayload = z.infer<typeof replySendContentPayload>;

/** Uploads: photos as LINE takes them (JPEG/PNG ≤ 10 MB), files up to 25 MB (upload-limits.ts). */
export { MAX_UPLOAD_BYTES } from './upload-limits';
/** Photo types every platform shows (LINE takes JPEG and PNG only). */
export const UPLOADABLE_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

/** The relay's answer to an upload. */
export const uploadResultSchema = z.object({
  uploadId: z.string(),
  kind: z.enum(['image', 'file']),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;
