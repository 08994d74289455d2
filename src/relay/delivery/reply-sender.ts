import { MAX_MESSAGES_PER_REQUEST } from '../../shared/delivery/policy';
import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import type { LineMessagingClient } from '../channels/line/messaging-client';
import type { ShopPushRule } from '../../shared/delivery/policy';
import type { PricePlan } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { MetaCourtesy } from './read-and-typing';
import type { ClaimedReplyBatch, RelayStore } from '../store/relay-store';
import type { ChannelSenders, SentItemOutcome } from './channel-sender';

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
  /** LINE's client for pushes, quota, read receipts and the typing indicator (null: LINE not configured). */
  client: LineMessagingClient | null;
  /** Each channel's way out for claimed batches (src/relay/channels/<channel>/sender.ts). */
  senders: ChannelSenders;
  now: () => number;
  logger: Logger;
  /** Shop rules that allow pushes without per-message consent (none by default). */
  rules: readonly ShopPushRule[];
  push: { maxAttempts: number; retryDelayMs: number };
  quota: { currentPlan(): PricePlan; pollSoon(): void };
  /** Messenger/Instagram "seen" and typing (null: no page token). */
  metaActions?: MetaCourtesy | null;
  /** RELAY_PUBLIC_URL: where platforms fetch uploaded photos and files (null: none can be sent). */
  publicBaseUrl?: string | null;
}

export type BatchOutcome = { delivery: 'sent_free' | 'held' | 'failed'; reason: string | null };

/**
 * Sends a claimed batch through its channel's sender and records the outcome of every message in it, in
 * order (answering `completesMutation` in the same transaction as its message's outcome). Resolves with the
 * outcome of `completesMutation`'s message, or else of the batch's last message.
 */
export async function sendClaimedBatch(
  deps: ReplySenderDeps,
  batch: ClaimedReplyBatch,
  completesMutation: { id: string; messageId: string } | null,
): Promise<BatchOutcome> {
  const sender = deps.senders[batch.channel];
  const outcomes: SentItemOutcome[] = await sender.sendBatch(batch).catch((error: unknown) => {
    // A sender that throws did not say what happened: the platform may have the message, so never resend it.
    deps.logger.error(`${batch.channel} send failed: ${error instanceof Error ? error.message : String(error)}`);
    return batch.items.map(() => ({ delivery: 'failed' as const, reason: DELIVERY_REASON.lineUnconfirmed, platformMessageId: null }));
  });
  // Consecutive items with the same outcome settle together (a LINE reply is one group: one transaction).
  let mine: BatchOutcome | null = null;
  let last: BatchOutcome = { delivery: 'failed', reason: DELIVERY_REASON.lineUnconfirmed };
  for (let start = 0; start < batch.items.length; ) {
    const first = outcomes[start] ?? { delivery: 'failed' as const, reason: DELIVERY_REASON.lineUnconfirmed, platformMessageId: null };
    let end = start + 1;
    while (end < batch.items.length && sameOutcome(outcomes[end], first)) end += 1;
    const items = batch.items.slice(start, end);
    const ownHere = completesMutation !== null && items.some((item) => item.messageId === completesMutation.messageId);
    last = { delivery: first.delivery, reason: first.reason };
    if (ownHere) mine = last;
    await deps.store.settleReplyBatch({
      batch: { ...batch, items },
      delivery: first.delivery,
      reason: first.reason,
      now: deps.now(),
      completesMutation: ownHere ? completesMutation : null,
      platformMessageIds: outcomes.slice(start, end).map((outcome) => outcome.platformMessageId),
    });
    start = end;
  }
  return mine ?? last;
}

function sameOutcome(a: SentItemOutcome | undefined, b: SentItemOutcome): boolean {
  return a !== undefined && a.delivery === b.delivery && a.reason === b.reason;
}

/**
 * The customer wrote again: send that conversation's held replies as its channel's window now allows, oldest
 * first (LINE: five per reply, the rest wait for the next token).
 */
export async function releaseHeldReplies(deps: ReplySenderDeps, conversationId: string): Promise<number> {
  let released = 0;
  // LINE's token is used by the first batch; other channels' windows take batch after batch while they go out.
  for (let round = 0; round < MAX_RELEASE_ROUNDS; round += 1) {
    const batch = await deps.store.claimHeldReplies(conversationId, deps.now(), MAX_MESSAGES_PER_REQUEST);
    if (!batch) break;
    const outcome = await sendClaimedBatch(deps, batch, null);
    released += batch.items.length;
    deps.logger.info(`Released ${batch.items.length} held repl${batch.items.length === 1 ? 'y' : 'ies'} in ${conversationId}: ${outcome.delivery}`);
    if (outcome.delivery !== 'sent_free' || batch.claim.kind === 'reply_token') break;
  }
  return released;
}

/** A conversation's backlog of held replies is released in at most this many batches per customer message. */
const MAX_RELEASE_ROUNDS = 20;
