import { SUGGESTION_LEAD_ONLY_MUTATIONS, type Mutation, type MutationAck } from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { RelayStore } from '../store/relay-store';

export type SuggestionLearningMutation = Extract<Mutation, { type: 'suggestion.feedback' | 'suggestion.review' }>;

/**
 * suggestion.feedback for every agent (the store takes the customer's text from the log); suggestion.review
 * only for leads. Idempotency and the one-verdict-per-agent rule are decided in the store's transaction.
 */
export async function applySuggestionLearning(store: RelayStore, mutation: SuggestionLearningMutation, agent: AuthenticatedAgent, now: number): Promise<MutationAck> {
  if (SUGGESTION_LEAD_ONLY_MUTATIONS.has(mutation.type) && agent.role !== 'lead') {
    return { ok: false, code: 'FORBIDDEN', message: 'Only a team lead may review learned examples' };
  }
  const input = { mutationId: mutation.id, agentName: agent.name, now };
  return mutation.type === 'suggestion.feedback'
    ? store.recordSuggestionFeedback({ ...input, payload: mutation.payload })
    : store.reviewSuggestionFeedback({ ...input, payload: mutation.payload });
}
