import { z } from 'zod';

/** One change waiting in the desktop outbox, as the "待傳送" panel shows it. Times on the agent's clock. */
export const outboxItemViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  conversationId: z.string(),
  conversationName: z.string(),
  /** What the change says (the reply text), for recognising it in the list. */
  summary: z.string(),
  /** queued: waiting (maybe for a retry after `nextAttemptAt`); sending: with the relay now; failed: refused, needs the agent. */
  state: z.enum(['queued', 'sending', 'failed']),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type OutboxItemView = z.infer<typeof outboxItemViewSchema>;
