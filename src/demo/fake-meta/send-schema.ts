import { z } from 'zod';

/**
 * Send API request bodies as the facts describe them: `{recipient:{id}, messaging_type, message, tag?}` with
 * `message` either `{text}` or `{attachment:{type, payload:{url, is_reusable?}}}`, or a sender action alone
 * `{recipient:{id}, sender_action}`. The per-channel text limit is checked once the recipient is known.
 */
const recipientSchema = z.object({ id: z.string({ message: 'The parameter recipient.id is required' }).min(1, 'The parameter recipient.id is required') });

const attachmentSchema = z.object({
  type: z.enum(['image', 'video', 'audio', 'file'], { message: 'Invalid attachment type' }),
  payload: z.object({
    url: z.url({ protocol: /^https?$/, message: 'Invalid attachment URL' }),
    is_reusable: z.boolean().optional(),
  }),
});

const messageSchema = z.union(
  [
    z.strictObject({ text: z.string({ message: 'message.text must be a string' }).min(1, 'Message text cannot be empty') }),
    z.strictObject({ attachment: attachmentSchema }),
  ],
  { message: 'message must have exactly one of text or attachment' },
);

export const messageRequestSchema = z
  .object({
    recipient: recipientSchema,
    messaging_type: z.enum(['RESPONSE', 'MESSAGE_TAG'], { message: 'Param messaging_type must be RESPONSE or MESSAGE_TAG' }),
    message: messageSchema,
    tag: z.string().optional(),
  })
  .superRefine((request, context) => {
    if (request.messaging_type === 'MESSAGE_TAG' && request.tag !== 'HUMAN_AGENT') {
      context.addIssue({ code: 'custom', path: ['tag'], message: 'MESSAGE_TAG requires tag HUMAN_AGENT' });
    }
    if (request.messaging_type === 'RESPONSE' && request.tag !== undefined) {
      context.addIssue({ code: 'custom', path: ['tag'], message: 'tag is only allowed with messaging_type MESSAGE_TAG' });
    }
  });
export type MessageRequest = z.infer<typeof messageRequestSchema>;

export const senderActionRequestSchema = z.strictObject({
  recipient: recipientSchema,
  sender_action: z.enum(['mark_seen', 'typing_on', 'typing_off'], { message: 'Invalid sender_action' }),
});
export type SenderActionRequest = z.infer<typeof senderActionRequestSchema>;

/** The first problem, as the text of a code 100 error. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'Invalid parameter';
}

/** Text limits from the facts: Messenger 2,000 characters (code points); Instagram 1,000 UTF-8 bytes. */
export function textTooLong(channel: 'messenger' | 'instagram', text: string): string | null {
  if (channel === 'instagram') {
    return Buffer.byteLength(text, 'utf8') > 1000 ? 'Instagram message text must be at most 1000 bytes' : null;
  }
  return [...text].length > 2000 ? 'Message text must be at most 2000 characters' : null;
}
