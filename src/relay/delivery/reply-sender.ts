import { MAX_MESSAGES_PER_REQUEST } from '../../shared/delivery/policy';
import { DELIVERY_REASON, lineRefusedReason } from '../../shared/delivery/reasons';
import type { LineMessagingClient, LineReplyOutcome } from '../channels/line/messaging-client';
import type { ShopPushRule } from '../../shared/delivery/policy';
import type { PricePlan } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { ClaimedReplyBatch, RelayStore } from '../store/relay-store';


/** Reason codes on the wire; the app turns them into sentences (src/shared/delivery/reasons.ts). */
export const DELIVERY_REASONS = {
  noFreshToken: DELIVERY_REASON.noFreshToken,
  queuedBehindHeld: DELIVERY_REASON.queuedBehindHeld,
  windowClosed: DELIVERY_REASON.windowClosed,
  ambiguous: DELIVERY_REASON.lineUnconfirmed,
  notConfigured: DELIVERY_REASON.lineNotConfigured,
} as const;

export interface ReplySenderDeps {
  store: RelayStore;
  client: LineMessagingClient | null;
  now: () => number;
  logger: Logger;
  /** Shop rules that allow pushes without per-message consent (none by default). */
  rules: readonly ShopPushRule[];
  push: { maxAttempts: number; retryDelayMs: number };
  quota: { currentPlan(): PricePlan; pollSoon(): void };
}

export type BatchOutcome = { delivery: 'sent_free' | 'held' | 'failed'; reason: string | null };

export function outcomeToDelivery(outcome: LineReplyOutcome): BatchOutcome {
  switch (outcome.kind) {
    case 'sent':
      return { delivery: 'sent_free', reason: null };
    case 'invalid_token':
      return { delivery: 'held', reason: DELIVERY_REASONS.windowClosed };
    case 'rejected':
      return { delivery: 'failed', reason: lineRefusedReason(outcome.status, outcome.message) };
    case 'ambiguous':
      // Never fall back to a push here: LINE may already have delivered it.
      return { delivery: 'failed', reason: DELIVERY_REASONS.ambiguous };
  }
}

/**
 * Sends a claimed batch as one LINE reply and records the outcome for every message in it
 * (answering `completesMutation` in the same transaction).
 */
export async function sendClaimedBatch(
  deps: ReplySenderDeps,
  batch: ClaimedReplyBatch,
  completesMutation: { id: string; messageId: string } | null,
): Promise<BatchOutcome> {
  let outcome: BatchOutcome;
  if (!deps.client) {
    outcome = { delivery: 'failed', reason: DELIVERY_REASONS.notConfigured };
  } else {
    const lineOutcome = await deps.client.replyText(batch.replyToken, batch.items.map((item) => item.text));
    if (lineOutcome.kind === 'ambiguous') deps.logger.warn(`LINE reply outcome unknown: ${lineOutcome.detail}`);
    if (lineOutcome.kind === 'rejected') deps.logger.warn(`LINE refused a reply: ${lineOutcome.status} ${lineOutcome.message}`);
    outcome = outcomeToDelivery(lineOutcome);
  }
  deps.store.settleReplyBatch({ batch, ...outcome, now: deps.now(), completesMutation });
  return outcome;
}

/**
 * The customer wrote again: send that conversation's held replies with the fresh token,
 * oldest first, five per reply; the rest wait for the next token.
 */
export async function releaseHeldReplies(deps: ReplySenderDeps, conversationId: string): Promise<number> {
  const batch = deps.store.claimHeldReplies(conversationId, deps.now(), MAX_MESSAGES_PER_REQUEST);
  if (!batch) return 0;
  const outcome = await sendClaimedBatch(deps, batch, null);
  deps.logger.info(`Released ${batch.items.length} held repl${batch.items.length === 1 ? 'y' : 'ies'} in ${conversationId}: ${outcome.delivery}`);
  return batch.items.length;
}
