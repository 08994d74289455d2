import { z } from 'zod';
import { channelSchema } from '../protocol/events';

/** What the desktop shell needs to draw attention: new customer messages, the unread total, who waits. */

export const incomingMessageSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  displayName: z.string(),
  text: z.string(),
  createdAt: z.number().int(),
});
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;

/** How many new messages one answer carries at most; beyond that only the counts matter (a summary). */
export const INCOMING_PAGE_LIMIT = 500;

export const attentionIpcContract = {
  /**
   * Customer messages stored after `after` (a position in the local store) whose conversation is still
   * unread, oldest first, and the new position. `after: null` (or a position from a store that was reset)
   * only returns the current position: what was there before is never announced.
   */
  'attention:incoming': {
    input: z.object({ after: z.number().int().nonnegative().nullable() }),
    output: z.object({
      cursor: z.number().int().nonnegative(),
      messages: z.array(incomingMessageSchema),
      /** Unread customer messages in all conversations (the badge and the title). */
      unreadTotal: z.number().int().nonnegative(),
    }),
  },
} as const;
