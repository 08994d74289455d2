import { z } from 'zod';

/**
 * A conversation's place in the team's work: `open` (someone should look at it), `pending` (answered, waiting on
 * the customer), `done`, or `snoozed` until a time. "Needs reply" is not a status: it is derived from the
 * messages (the customer asked something after the last reply that went out).
 */
export const CONVERSATION_STATUSES = ['open', 'pending', 'done', 'snoozed'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

/** A snooze ends by itself: after `snoozedUntil` the conversation counts as open again (no event needed). */
export function effectiveStatus(status: ConversationStatus, snoozedUntil: number | null, now: number): ConversationStatus {
  if (status === 'snoozed' && (snoozedUntil === null || snoozedUntil <= now)) return 'open';
  return status;
}

/** The inbox's views (需回覆, 我的, 未指派, 全部, 已完成); the app opens on `needs_reply`. */
export const INBOX_VIEWS = ['needs_reply', 'mine', 'unassigned', 'all', 'done'] as const;
export const inboxViewSchema = z.enum(INBOX_VIEWS);
export type InboxView = z.infer<typeof inboxViewSchema>;
export const DEFAULT_INBOX_VIEW: InboxView = 'needs_reply';
