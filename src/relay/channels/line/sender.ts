import { DELIVERY_REASON, lineRefusedReason } from '../../../shared/delivery/reasons';
import type { ChannelSender, SentItemOutcome } from '../../delivery/channel-sender';
import type { Logger } from '../../logger';
import type { LineMessagingClient, LineReplyOutcome } from './messaging-client';

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
  }
}

/**
 * LINE's way out for free replies: the whole batch (≤ 5 messages) as ONE reply call with the claimed token,
 * so every item shares the outcome. Counted pushes are a separate, consented path (delivery/push-sender.ts).
 */
export function createLineSender(client: LineMessagingClient | null, logger: Logger): ChannelSender {
  return {
    async sendBatch(batch) {
      const all = (outcome: Omit<SentItemOutcome, 'platformMessageId'>) => batch.items.map(() => ({ ...outcome, platformMessageId: null }));
      if (!client) return all({ delivery: 'failed', reason: DELIVERY_REASON.lineNotConfigured });
      if (batch.claim.kind !== 'reply_token') throw new Error(`LINE cannot send a ${batch.claim.kind} claim`);
      const outcome = await client.replyText(batch.claim.token, batch.items.map((item) => item.text));
      if (outcome.kind === 'ambiguous') logger.warn(`LINE reply outcome unknown: ${outcome.detail}`);
      if (outcome.kind === 'rejected') logger.warn(`LINE refused a reply: ${outcome.status} ${outcome.message}`);
      return all(lineReplyOutcome(outcome));
    },
  };
}
