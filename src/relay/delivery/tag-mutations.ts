import { LEAD_ONLY_MUTATIONS, type Mutation, type TagMutationAck } from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { RelayStore } from '../store/relay-store';

export type TagMutation = Extract<Mutation, { type: `tag.${string}` }>;

export function isTagMutation(mutation: Mutation): mutation is TagMutation {
  return mutation.type.startsWith('tag.');
}

/**
 * tag.add / tag.remove for every agent; rename, merge and delete only for leads. Everything else —
 * idempotency, the cap, the add-wins rule — is decided inside the store's single transaction, so two
 * relay processes sharing the database agree on which concurrent add came first.
 */
export async function applyTagMutation(store: RelayStore, mutation: TagMutation, agent: AuthenticatedAgent, now: number): Promise<TagMutationAck> {
  if (LEAD_ONLY_MUTATIONS.has(mutation.type) && agent.role !== 'lead') {
    return { ok: false, code: 'FORBIDDEN', message: `Only a team lead may ${mutation.type.slice('tag.'.length)} tags` };
  }
  return await store.applyTagMutation({ mutation, agentName: agent.name, now });
}
