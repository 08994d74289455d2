import { z } from 'zod';
import { SuggestionRuleSchema } from '../suggestions/rules-schema';

/** Reply suggestions and the rules behind them, as the renderer sees them. */

export const suggestionViewSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  reply: z.string(),
  score: z.number(),
  matchedBy: z.enum(['keyword', 'intent']),
  /** Why it was suggested: a keyword found in the message, the customer's words that ask what the rule answers, or the title/example it reads like. */
  reason: z.object({ kind: z.enum(['keyword', 'concept', 'similar']), text: z.string(), approximate: z.boolean() }),
  /** The relay would answer this message with this rule by itself (best, confident keyword, autoSend rule). */
  autoSend: z.boolean(),
});
export type SuggestionView = z.infer<typeof suggestionViewSchema>;

export const conversationSuggestionsSchema = z.object({
  /**
   * `ready`: `suggestions` are the answer (possibly none); `preparing`: the rules index is being built
   * (a `suggestions` change follows); `no_rules`: the shop has no rules yet.
   */
  state: z.enum(['ready', 'preparing', 'no_rules']),
  /** The customer message the suggestions are for (the latest one, when it is the latest in the thread). */
  messageId: z.string().nullable(),
  suggestions: z.array(suggestionViewSchema),
});
export type ConversationSuggestions = z.infer<typeof conversationSuggestionsSchema>;

export const rulesInfoSchema = z.object({
  version: z.number().int().nonnegative(),
  rules: z.array(SuggestionRuleSchema),
  updatedBy: z.string().nullable(),
  updatedAt: z.number().int().nullable(),
});
export type RulesInfo = z.infer<typeof rulesInfoSchema>;
