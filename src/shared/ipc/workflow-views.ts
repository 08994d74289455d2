import { z } from 'zod';
import { conversationStatusSchema } from '../workflow/conversation-status';

/** What the renderer sees of the team inbox. Times are ms since epoch on the agent's clock. */

/** Thread lines that are not messages to or from the customer. */
export const NOTE_KIND = 'note';
export const ACTIVITY_KIND = 'activity';

export const conversationWorkflowViewSchema = z.object({
  /** As this agent sees it: the relay's value, or this app's change not yet confirmed (`pending`). */
  status: conversationStatusSchema,
  snoozedUntil: z.number().int().nullable(),
  assignee: z.string().nullable(),
  pending: z.boolean(),
  /** Since when the customer has waited for an answer (null: nothing waiting). */
  waitingSince: z.number().int().nullable(),
  /** The oldest reply still held for the customer's next message (null: none). */
  heldSince: z.number().int().nullable(),
  unseenMentions: z.number().int().nonnegative(),
});
export type ConversationWorkflowView = z.infer<typeof conversationWorkflowViewSchema>;

/**
 * A workflow line in a thread (kind `activity`): its `text` is this JSON, its `author` who did it (null: the relay,
 * for a customer message that reopened the conversation or a round-robin assignment). `refused` lines are local:
 * this agent's change that the relay did not apply, with the reason.
 */
export const activityLineSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('status'), status: conversationStatusSchema, snoozedUntil: z.number().int().nullable(), cause: z.enum(['agent', 'customer_message']) }),
  z.object({ action: z.literal('assigned'), assignee: z.string().nullable(), cause: z.enum(['agent', 'round_robin']) }),
  z.object({ action: z.literal('refused'), change: z.enum(['status', 'assignee', 'note', 'customer_note']), reason: z.string(), detail: z.string() }),
]);
export type ActivityLine = z.infer<typeof activityLineSchema>;

export function parseActivityLine(text: string): ActivityLine | null {
  try {
    const parsed = activityLineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const viewCountsSchema = z.object({
  needs_reply: z.number().int().nonnegative(),
  mine: z.number().int().nonnegative(),
  unassigned: z.number().int().nonnegative(),
  all: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
});
export type ViewCounts = z.infer<typeof viewCountsSchema>;

export const customerPanelSchema = z.object({
  conversationId: z.string(),
  friendId: z.string(),
  displayName: z.string(),
  pictureUrl: z.string().nullable(),
  channel: z.string(),
  /** First and last message with this customer in any of their conversations. */
  firstContactAt: z.number().int().nullable(),
  lastContactAt: z.number().int().nullable(),
  note: z.object({ text: z.string(), updatedBy: z.string().nullable(), updatedAt: z.number().int().nullable(), pending: z.boolean() }),
  /** Their other conversations: the same customer id on another account, or the same name on another channel. */
  otherConversations: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      displayName: z.string(),
      lastMessageAt: z.number().int().nullable(),
      status: conversationStatusSchema,
      /** Only the name matches (may be another person). */
      sameNameOnly: z.boolean(),
    }),
  ),
});
export type CustomerPanel = z.infer<typeof customerPanelSchema>;
