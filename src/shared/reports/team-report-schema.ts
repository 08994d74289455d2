import { z } from 'zod';
import { channelSchema } from '../protocol/events';

/** One agent's figures over a range (all days), one day or one channel. */
export const teamReportRowSchema = z.object({
  agent: z.string(),
  /** Conversations in which the agent sent at least one reply. */
  conversationsHandled: z.number().int().nonnegative(),
  /** Customer questions whose first answer that reached the customer was this agent's. */
  firstResponses: z.number().int().nonnegative(),
  /** Median time from the customer's question to that first answer reaching them; null without any. */
  medianFirstResponseMs: z.number().int().nonnegative().nullable(),
  freeReplies: z.number().int().nonnegative(),
  pushedReplies: z.number().int().nonnegative(),
  /** Replies held longer than the shop's alert without going out (still held, or cancelled / failed later). */
  heldExpired: z.number().int().nonnegative(),
});
export type TeamReportRow = z.infer<typeof teamReportRowSchema>;

export const teamReportSchema = z.object({
  /** The lead's local days, YYYY-MM-DD. */
  from: z.string(),
  to: z.string(),
  heldReplyAlertMinutes: z.number().int().positive(),
  agents: z.array(teamReportRowSchema),
  days: z.array(teamReportRowSchema.extend({ day: z.string() })),
  channels: z.array(teamReportRowSchema.extend({ channel: channelSchema })),
});
export type TeamReport = z.infer<typeof teamReportSchema>;
