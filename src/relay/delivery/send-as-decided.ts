import type { MutationAck } from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { BeginReplySendResult } from '../store/relay-store';
import { pushClaimedItem } from './push-sender';
import { pushAfterInvalidToken } from './reply-actions';
import { sendClaimedBatch, type ReplySenderDeps } from './reply-sender';

export type DecidedSend = Extract<BeginReplySendResult, { kind: 'send' | 'push' }>;

/**
 * What a begun mutation answers without calling LINE — a repeated id gets its stored answer (or waits for
 * the first attempt to store it), an answer decided inside the transaction is returned as is — or what to send.
 */
export function answerOrSend(
  begun: BeginReplySendResult,
  mutationId: string,
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): { answer: Promise<MutationAck> | MutationAck } | { send: DecidedSend } {
  switch (begun.kind) {
    case 'repeat':
      return { answer: begun.mutation.state === 'done' && begun.mutation.answer ? begun.mutation.answer : waitForStoredAnswer(mutationId) };
    case 'answered':
      return { answer: begun.answer };
    default:
      return { send: begun };
  }
}

/**
 * The store created an outgoing message (a reply, an order summary) and decided to send it: call LINE as
 * decided and settle it — the waiting mutation's answer is stored with the settlement. A consented message
 * LINE refused with "Invalid reply token" falls back to the policy, which pushes it.
 */
export async function sendAsDecided(
  deps: ReplySenderDeps,
  decided: DecidedSend,
  own: { mutationId: string; messageId: string; pushConsent: boolean; agent: AuthenticatedAgent },
): Promise<MutationAck> {
  const { mutationId, messageId } = own;
  if (decided.kind === 'push') {
    const outcome = await pushClaimedItem(deps, decided.item, mutationId);
    return { ok: true, messageId, ...outcome };
  }
  const ownIncluded = decided.messageDelivery === 'sending';
  const outcome = await sendClaimedBatch(deps, decided.batch, ownIncluded ? { id: mutationId, messageId } : null);
  if (!ownIncluded) return { ok: true, messageId, delivery: 'held', reason: decided.messageReason };
  if (own.pushConsent && outcome.delivery === 'held') return pushAfterInvalidToken(deps, mutationId, messageId, own.agent);
  return { ok: true, messageId, delivery: outcome.delivery, reason: outcome.reason };
}
