import { DELIVERY_REASON, lineRefusedReason } from '../../../shared/delivery/reasons';
import type { ChannelSender, SentItemOutcome } from '../../delivery/channel-sender';
import type { Logger } from '../../logger';
import type { LineMessagingClient, LineReplyOutcome } from './messaging-client';
import type { messagingApi } from '@line/bot-sdk';
import { lineMessageOf } from './outgoing-messages';

export function lineReplyOutcome(outcome: LineReplyOutcome): Omit<SentItemOutcome, 'platformMessageId'> {
  switch (outcome.kind) {
    case 'sent':
      return { delivery: 'sent_free', reason: null };
    case 'invalid_token':
      return { delivery: 'held', reason: DELIVERY_REASON.windowClosed };
    case 'rejected':
      return { delivery: 'failed', reason: lineRefusedReason(outcome.status, outcome.message) };
    case 'ambiguous':
      // Never fall back to a push here: LINE may already have delivered it.
      return { delivery: 'failed', reason: DELIVERY_REASON.lineUnconfirmed };
    case 'rate_limited':
      // Not accepted: it waits for the customer's next message and goes out free then.
      return { delivery: 'held', reason: DELIVERY_REASON.lineRateLimited };
  }
}

/** Pauses before trying a rate-limited reply again: 0.5, 1, 2, 4 … s. */
export const RATE_LIMIT_BACKOFF_MS = [500, 1000, 2000, 4000, 8000] as const;

/**
 * Calls LINE's reply API; a 429 is tried again with backoff while the token's free window still has room for the
 * wait (a reply token lives about a minute, so the wait must end before `usableUntil`).
 */
async function replyWithRetry(
  send: () => Promise<LineReplyOutcome>,
  usableUntil: number | undefined,
  clock: { now(): number; sleep(ms: number): Promise<void> },
  logger: Logger,
): Promise<LineReplyOutcome> {
  let outcome = await send();
  for (const delay of RATE_LIMIT_BACKOFF_MS) {
    if (outcome.kind !== 'rate_limited' || usableUntil === undefined || clock.now() + delay >= usableUntil) break;
    logger.warn(`LINE rate-limited a reply (${outcome.message}); trying again in ${delay} ms`);
    await clock.sleep(delay);
    outcome = await send();
  }
  return outcome;
}

/**
 * LINE's way out for free replies: the whole batch (≤ 5 messages) as ONE reply call with the claimed token,
 * so every item shares the outcome. Counted pushes are a separate, consented path (delivery/push-sender.ts).
 */
export function createLineSender(
  client: LineMessagingClient | null,
  logger: Logger,
  clock: { now(): number; sleep(ms: number): Promise<void> } = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  publicBaseUrl: string | null = null,
): ChannelSender {
  return {
    async sendBatch(batch) {
      const all = (outcome: Omit<SentItemOutcome, 'platformMessageId'>) => batch.items.map(() => ({ ...outcome, platformMessageId: null }));
      if (!client) return all({ delivery: 'failed', reason: DELIVERY_REASON.lineNotConfigured });
      if (batch.claim.kind !== 'reply_token') throw new Error(`LINE cannot send a ${batch.claim.kind} claim`);
      const messages = batch.items.map((item) => lineMessageOf(item, publicBaseUrl));
      if (messages.some((message) => message === null)) return all({ delivery: 'failed', reason: DELIVERY_REASON.publicUrlNotConfigured });
      const { token, usableUntil } = batch.claim;
      const outcome = await replyWithRetry(() => client.replyMessages(token, messages as messagingApi.Message[]), usableUntil, clock, logger);
      if (outcome.kind === 'ambiguous') logger.warn(`LINE reply outcome unknown: ${outcome.detail}`);
      if (outcome.kind === 'rejected') logger.warn(`LINE refused a reply: ${outcome.status} ${outcome.message}`);
      return all(lineReplyOutcome(outcome));
    },
  };
}
