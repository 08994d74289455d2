import { z } from 'zod';
import { RULES_LIMITS } from '../suggestions/rules-schema';
import { boundedCount, boundedId } from './limits';

/**
 * Learning from the team (client → relay → every client). When an agent sends a suggested reply (as is
 * or edited) for a customer message, or says "not this one" to a suggestion, the pair is recorded on the
 * relay and synced, so the message becomes an example of the rule (or counts against it) for every agent.
 * Leads review learned examples and may remove them. The relay takes the message's text from its own log:
 * a client cannot teach words the customer never wrote.
 */
export const suggestionVerdictSchema = z.enum(['accepted', 'edited', 'rejected']);
export type SuggestionVerdict = z.infer<typeof suggestionVerdictSchema>;

const ruleId = boundedId('ruleId', RULES_LIMITS.idLength);

export const suggestionFeedbackPayload = z.object({
  conversationId: boundedId('conversationId'),
  /** The customer's message the suggestion was for. */
  messageId: boundedId('messageId'),
  ruleId,
  verdict: suggestionVerdictSchema,
  clientTime: boundedCount.optional(),
});
export type SuggestionFeedbackPayload = z.infer<typeof suggestionFeedbackPayload>;

/** Leads only: keep a learned example (it stays) or remove it (it no longer teaches anything). */
export const suggestionReviewPayload = z.object({
  feedbackId: boundedId('feedbackId'),
  keep: z.boolean(),
  clientTime: boundedCount.optional(),
});
export type SuggestionReviewPayload = z.infer<typeof suggestionReviewPayload>;

export const SUGGESTION_LEAD_ONLY_MUTATIONS: ReadonlySet<string> = new Set(['suggestion.review']);

/** `changed: false` when the same agent had already given the same verdict on that message and rule. */
export const suggestionLearningResultSchema = z.object({
  ok: z.literal(true),
  feedbackId: z.string(),
  changed: z.boolean(),
});

const base = {
  seq: z.number().int().positive(),
  occurredAt: z.number().int().nonnegative(),
};

export const suggestionFeedbackEvent = z.object({
  ...base,
  type: z.literal('suggestion.feedback'),
  conversationId: z.string(),
  payload: z.object({
    /** The mutation id that recorded it; the review refers to it. */
    feedbackId: z.string(),
    messageId: z.string(),
    ruleId: z.string(),
    verdict: suggestionVerdictSchema,
    /** The customer's words, as the relay stored them. */
    text: z.string(),
    agentName: z.string(),
    clientTime: z.number().int().nonnegative(),
  }),
});

export const suggestionReviewedEvent = z.object({
  ...base,
  type: z.literal('suggestion.reviewed'),
  payload: z.object({
    feedbackId: z.string(),
    decision: z.enum(['kept', 'removed']),
    agentName: z.string(),
  }),
});
