import { randomUUID } from 'node:crypto';
import { sendClaimedBatch, type ReplySenderDeps } from '../delivery/reply-sender';

/** How one of the relay's own answers (an automatic reply, the welcome) ended. */
export type RelayAnswerOutcome =
  | { kind: 'sent'; delivery: string }
  | { kind: 'skipped'; reason: 'agent_typing' | 'no_fresh_token' }
  /** This mutation id was decided before (a redelivery, another relay process). */
  | { kind: 'repeat' };

/**
 * Sends an answer the relay writes by itself under `mutationId` (`auto:…`), decided in one store transaction
 * (beginAutoReply): skipped while an agent types in the conversation or without a fresh unused token, once per id,
 * and never a counted push (no consent, no shop push rule). Held replies of the conversation ride along first.
 */
export async function sendRelayAnswer(
  deps: ReplySenderDeps,
  input: { mutationId: string; conversationId: string; text: string; agentName: string },
): Promise<RelayAnswerOutcome> {
  const messageId = `msg_${randomUUID()}`;
  const begun = await deps.store.beginAutoReply({
    ...input,
    messageId,
    now: deps.now(),
    pushConsent: false,
    newRetryKey: randomUUID(),
    rules: [],
  });
  switch (begun.kind) {
    case 'skipped':
      return { kind: 'skipped', reason: begun.reason };
    case 'repeat':
      return { kind: 'repeat' };
    case 'answered':
      // Decided without a send: earlier held replies filled the free reply, so this one waits behind them, free.
      return { kind: 'sent', delivery: begun.answer.ok && 'delivery' in begun.answer ? begun.answer.delivery : 'failed' };
    case 'send': {
      const ownIncluded = begun.messageDelivery === 'sending';
      const outcome = await sendClaimedBatch(deps, begun.batch, ownIncluded ? { id: input.mutationId, messageId } : null);
      return { kind: 'sent', delivery: ownIncluded ? outcome.delivery : 'held' };
    }
    case 'push':
      // Unreachable: decideDelivery pushes only with consent or a matching shop rule, and both are absent.
      throw new Error('An answer of the relay was about to be pushed');
  }
}
