import { randomUUID } from 'node:crypto';
import type { Mutation, MutationAck } from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import { pushClaimedItem } from './push-sender';
import type { ReplySenderDeps } from './reply-sender';

type ReplyActionMutation = Extract<Mutation, { type: 'reply.cancel' | 'reply.edit' | 'reply.push' }>;

/** reply.cancel, reply.edit and reply.push (see docs/protocol.md): exactly once per mutation id. */
export async function applyReplyAction(
  deps: ReplySenderDeps,
  mutation: ReplyActionMutation,
  agent: AuthenticatedAgent,
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): Promise<MutationAck> {
  const begun = await deps.store.beginReplyAction({
    mutationId: mutation.id,
    type: mutation.type,
    messageId: mutation.payload.messageId,
    text: mutation.type === 'reply.edit' ? mutation.payload.text : undefined,
    agentName: agent.name,
    now: deps.now(),
    newRetryKey: randomUUID(),
  });
  switch (begun.kind) {
    case 'repeat':
      return begun.mutation.state === 'done' && begun.mutation.answer ? begun.mutation.answer : waitForStoredAnswer(mutation.id);
    case 'answered':
      return begun.answer;
    case 'push': {
      const outcome = await pushClaimedItem(deps, begun.item, mutation.id);
      return { ok: true, messageId: begun.item.messageId, ...outcome };
    }
  }
}

/**
 * LINE answered "Invalid reply token" to a reply the agent had consented to push: fall back to the
 * policy, which pushes it (the token was refused, so nothing was delivered). The internal mutation id is
 * derived from the agent's, so a second relay process handling a repeat cannot push it twice.
 */
export async function pushAfterInvalidToken(
  deps: ReplySenderDeps,
  mutationId: string,
  messageId: string,
  agent: AuthenticatedAgent,
): Promise<MutationAck> {
  const fallback = await applyReplyAction(
    deps,
    { id: `${mutationId}:push`.slice(0, 64), type: 'reply.push', payload: { messageId } },
    agent,
    async () => ({ ok: true, messageId, delivery: 'sending', reason: null }),
  );
  if (!fallback.ok) {
    // Quota exhausted (or already changed): the message stays held for the next free reply.
    const stored = await deps.store.getOutboundMessage(messageId);
    return { ok: true, messageId, delivery: stored?.delivery ?? 'held', reason: stored?.reason ?? null };
  }
  return fallback;
}
