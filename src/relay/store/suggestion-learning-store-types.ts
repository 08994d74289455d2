import type { SuggestionFeedbackPayload, SuggestionReviewPayload } from '../../shared/protocol';

/** suggestion.feedback as the store records it (the agent is known from the connection). */
export interface SuggestionFeedbackInput {
  mutationId: string;
  agentName: string;
  payload: SuggestionFeedbackPayload;
  now: number;
}

/** suggestion.review (leads only; the role is checked before the store is asked). */
export interface SuggestionReviewInput {
  mutationId: string;
  agentName: string;
  payload: SuggestionReviewPayload;
  now: number;
}
