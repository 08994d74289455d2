import { z } from 'zod';

/** IPC channels for learning from the team (spread into ipcContract). */

const ok = z.object({ ok: z.literal(true) });
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });

/** A customer message the team answered with a rule, as the rules editor shows it for review. */
export const learnedExampleViewSchema = z.object({
  feedbackId: z.string(),
  ruleId: z.string(),
  verdict: z.enum(['accepted', 'edited']),
  text: z.string(),
  agentName: z.string(),
  /** Relay clock. */
  at: z.number().int(),
  /** A lead's decision (null: not reviewed yet). */
  review: z.enum(['kept', 'removed']).nullable(),
  /** This lead's decision is queued and not yet confirmed by the relay. */
  pending: z.boolean(),
});
export type LearnedExampleView = z.infer<typeof learnedExampleViewSchema>;

export const suggestionLearningIpcContract = {
  /**
   * The agent sent a suggested reply (as is: `accepted`, changed: `edited`) for a customer message, or said
   * "not this one" (`rejected`). Queued like a reply: works offline, reaches every agent once synced.
   */
  'suggestions:feedback': {
    input: z.object({
      conversationId: z.string().max(128),
      messageId: z.string().max(128),
      ruleId: z.string().max(64),
      verdict: z.enum(['accepted', 'edited', 'rejected']),
    }),
    output: z.union([ok, failure]),
  },
  /** Learned examples for the rules editor (newest first). */
  'rules:learned': { input: z.object({}), output: z.object({ examples: z.array(learnedExampleViewSchema) }) },
  /** Leads: keep or remove a learned example (queued; FORBIDDEN for agents). */
  'rules:reviewLearned': {
    input: z.object({ feedbackId: z.string().max(128), keep: z.boolean() }),
    output: z.union([ok, failure]),
  },
} as const;
