import { isReplyTokenFresh } from './reply-window';
import { DELIVERY_REASON } from './reasons';

/**
 * The free-replies-first delivery policy: ONE pure decision for every outgoing item, used by the relay.
 * Free is always preferred; a counted push happens only with the agent's explicit consent for that
 * message or a shop rule that allows it, and never while the monthly quota is known to be exhausted.
 */

/** LINE accepts at most five message objects per reply (and per push) request. */
export const MAX_MESSAGES_PER_REQUEST = 5;

/** What produced the item; shop rules can allow pushes for some kinds. */
export type OutgoingKind = 'agent_reply' | 'payment_reminder';

/** "Items of `kind` may be pushed once they have waited `pushAfterMs`" — e.g. payment reminders after 24 h. */
export interface ShopPushRule {
  kind: OutgoingKind;
  pushAfterMs: number;
}

export interface ReplyTokenState {
  /**
   * When the token's free-reply window opened: the earlier of the relay's receive time and LINE's event
   * timestamp (a redelivered event's token is as old as its event). The conversation's NEWEST token only
   * (latest event timestamp): older ones are stale by policy even when unused.
   */
  receivedAt: number;
  usedAt: number | null;
}

export interface PolicyItem {
  id: string;
  kind: OutgoingKind;
  createdAt: number;
  /** The agent chose "send as a counted push" for THIS message. */
  pushConsent: boolean;
  /** The X-Line-Retry-Key already stored with the item (a previous push attempt), if any. */
  retryKey: string | null;
}

export interface PolicyInput {
  now: number;
  token: ReplyTokenState | null;
  /** The conversation's other held items, oldest first (they go before `item`). */
  held: readonly { id: string }[];
  item: PolicyItem;
  rules: readonly ShopPushRule[];
  /** True after LINE answered 429 "monthly limit" and no poll has shown room since. */
  quotaBlocked: boolean;
  /** A fresh UUID the caller generated, used only if the item has no retry key yet. */
  newRetryKey: string;
}

export type PolicyDecision =
  /** Claim the token; send `batch` (ids, oldest first, ≤ 5) as one free reply. */
  | { action: 'reply'; batch: string[] }
  | { action: 'hold'; reason: string }
  /** Counted push with this retry key (stored with the item BEFORE the first attempt). */
  | { action: 'push'; retryKey: string };

export function hasUsableToken(token: ReplyTokenState | null, now: number): boolean {
  return token !== null && token.usedAt === null && isReplyTokenFresh(token.receivedAt, now);
}

/** Whether the agent or a shop rule allows this item to go out as a counted push. */
export function pushAllowed(item: PolicyItem, rules: readonly ShopPushRule[], now: number): boolean {
  if (item.pushConsent) return true;
  return rules.some((rule) => rule.kind === item.kind && now - item.createdAt >= rule.pushAfterMs);
}

export function decideDelivery(input: PolicyInput): PolicyDecision {
  const { now, item } = input;
  if (hasUsableToken(input.token, now)) {
    const riders = input.held.slice(0, MAX_MESSAGES_PER_REQUEST).map((held) => held.id);
    if (riders.length < MAX_MESSAGES_PER_REQUEST) return { action: 'reply', batch: [...riders, item.id] };
    // Older held items fill this reply: they go free now, this one waits (or pushes if allowed).
    if (!pushAllowed(item, input.rules, now)) return { action: 'hold', reason: DELIVERY_REASON.queuedBehindHeld };
  } else if (!pushAllowed(item, input.rules, now)) {
    return { action: 'hold', reason: DELIVERY_REASON.noFreshToken };
  }
  if (input.quotaBlocked) return { action: 'hold', reason: DELIVERY_REASON.quotaExhausted };
  return { action: 'push', retryKey: item.retryKey ?? input.newRetryKey };
}

/** The customer wrote again: which held items ride on the fresh token (oldest first, ≤ 5). */
export function decideRelease(token: ReplyTokenState | null, held: readonly { id: string }[], now: number): string[] {
  if (!hasUsableToken(token, now)) return [];
  return held.slice(0, MAX_MESSAGES_PER_REQUEST).map((item) => item.id);
}

/** What LINE answered to one push attempt. */
export type PushAttemptOutcome =
  | { kind: 'accepted' }
  /** 409: a request with this retry key was already accepted — the message WAS sent. */
  | { kind: 'duplicate' }
  | { kind: 'monthly_limit' }
  | { kind: 'rejected'; status: number; message: string }
  /** 5xx, timeout, dropped connection: LINE may or may not have it. */
  | { kind: 'ambiguous'; detail: string };

export type PushNextStep =
  | { step: 'sent' }
  /** Try again with the SAME key: LINE answers 409 if the first attempt got through. */
  | { step: 'retry'; retryKey: string }
  | { step: 'hold'; reason: string; blockQuota: boolean }
  | { step: 'fail'; reason: string };

/** After a push attempt: retries happen only after 5xx/timeout, always with the item's stored key. */
export function nextStepAfterPush(
  outcome: PushAttemptOutcome,
  attempt: { number: number; maxAttempts: number; retryKey: string },
  refusedReason: (status: number, message: string) => string,
): PushNextStep {
  switch (outcome.kind) {
    case 'accepted':
    case 'duplicate':
      return { step: 'sent' };
    case 'monthly_limit':
      return { step: 'hold', reason: DELIVERY_REASON.quotaExhausted, blockQuota: true };
    case 'rejected':
      return { step: 'fail', reason: refusedReason(outcome.status, outcome.message) };
    case 'ambiguous':
      if (attempt.number < attempt.maxAttempts) return { step: 'retry', retryKey: attempt.retryKey };
      return { step: 'fail', reason: DELIVERY_REASON.pushUnconfirmed };
  }
}
