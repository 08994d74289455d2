import { DELIVERY_REASON, metaRefusedReason } from '../../../shared/delivery/reasons';
import type { MetaMessaging } from '../../../shared/delivery/meta-window';
import type { SentItemOutcome } from '../../delivery/channel-sender';
import type { Logger } from '../../logger';
import type { SendClaim } from '../../store/channel-store-types';
import type { MetaGraphClient, MetaSendResult } from './graph-client';
import type { MetaChannelHealth } from './meta-health';
import type { OutboundContent } from '../../store/media-store-types';
import { publicMediaUrls } from '../../media/public-media';

/**
 * The Messenger/Instagram ChannelSender (src/relay/delivery/channel-sender.ts): sends a batch the store claimed
 * with a `messaging_window` claim, one Send API request per message, in order, to the PSID/IGSID.
 *
 * Only rate limits are retried (inside the graph client, with backoff). After a refusal that concerns the whole
 * conversation (window closed, person unavailable, token invalid, still rate limited) or an unknown outcome,
 * the rest of the batch is not sent: it would only meet the same answer, or arrive out of order.
 */

/** The part of a claimed batch this sender reads (the store's ClaimedReplyBatch has these fields). */
export interface MetaSendBatch {
  conversationId: string;
  /** The customer's PSID (Messenger) or IGSID (Instagram). */
  recipientId: string;
  claim: SendClaim;
  items: readonly { messageId: string; text: string; content?: OutboundContent | null }[];
}

export interface MetaSenderDeps {
  /** Null when META_PAGE_ACCESS_TOKEN is not set: every item fails with meta_not_configured. */
  client: MetaGraphClient | null;
  health: MetaChannelHealth;
  /** RELAY_PUBLIC_URL: where Meta fetches uploaded photos and files. */
  publicBaseUrl?: string | null;
  logger: Logger;
}

type ItemOutcome = SentItemOutcome & {
  /** How the items after this one end when this one did not go out; null = send them. */
  rest: Omit<SentItemOutcome, 'platformMessageId'> | null;
};

const notSent = (delivery: 'held' | 'failed', reason: string) => ({ delivery, reason, platformMessageId: null });

function outcomeOf(result: MetaSendResult): ItemOutcome {
  switch (result.kind) {
    case 'sent':
      return { delivery: 'sent_free', reason: null, platformMessageId: result.messageId, rest: null };
    case 'outside_window': {
      const held = notSent('held', DELIVERY_REASON.metaOutsideWindow);
      return { ...held, rest: held };
    }
    case 'rate_limited': {
      const held = notSent('held', DELIVERY_REASON.metaRateLimited);
      return { ...held, rest: held };
    }
    case 'person_unavailable': {
      const failed = notSent('failed', DELIVERY_REASON.metaPersonUnavailable);
      return { ...failed, rest: failed };
    }
    case 'token_invalid': {
      const failed = notSent('failed', DELIVERY_REASON.metaTokenInvalid);
      return { ...failed, rest: failed };
    }
    case 'unknown_outcome':
      // Meta may have delivered it and has no retry key: never resend. The rest wait rather than overtake it.
      return { ...notSent('failed', DELIVERY_REASON.metaUnconfirmed), rest: notSent('held', DELIVERY_REASON.metaHeldAfterUnconfirmed) };
    case 'invalid_parameter':
    case 'rejected':
      // About this message (its text, an attachment): the next ones may well go out.
      return { ...notSent('failed', metaRefusedReason(result.code, result.message)), rest: null };
  }
}

function describe(result: MetaSendResult): string {
  if (result.kind === 'sent') return 'sent';
  if (result.kind === 'unknown_outcome') return `outcome unknown: ${result.detail}`;
  return `${result.kind} (#${result.code ?? '?'}${result.subcode === null ? '' : `/${result.subcode}`}): ${result.message}`;
}

function messagingOf(claim: SendClaim): MetaMessaging | null {
  if (claim.kind !== 'messaging_window') return null;
  return claim.messagingType === 'RESPONSE' ? { messagingType: 'RESPONSE' } : { messagingType: 'MESSAGE_TAG', tag: claim.tag };
}

export function createMetaSender(deps: MetaSenderDeps) {
  return {
    async sendBatch(batch: MetaSendBatch): Promise<SentItemOutcome[]> {
      const client = deps.client;
      if (!client) return batch.items.map(() => notSent('failed', DELIVERY_REASON.metaNotConfigured));
      const messaging = messagingOf(batch.claim);
      if (!messaging) {
        // A store bug, not a Meta answer: say so rather than send outside the rules.
        deps.logger.error(`Meta sender got a ${batch.claim.kind} claim for ${batch.conversationId}; nothing sent`);
        return batch.items.map(() => notSent('failed', metaRefusedReason(null, `not a messaging window claim (${batch.claim.kind})`)));
      }
      const outcomes: SentItemOutcome[] = [];
      for (const item of batch.items) {
        const attachment = item.content && item.content.type !== 'sticker' ? item.content : null;
        if (attachment && !deps.publicBaseUrl) {
          outcomes.push(notSent('failed', DELIVERY_REASON.publicUrlNotConfigured));
          continue;
        }
        // A photo or file goes as an attachment Meta fetches from the relay's public address.
        const result = attachment
          ? await client.sendAttachment({
              recipientId: batch.recipientId,
              type: attachment.type === 'image' ? 'image' : 'file',
              url: publicMediaUrls(deps.publicBaseUrl!, attachment).url,
              isReusable: true,
              ...messaging,
            })
          : await client.sendText({ recipientId: batch.recipientId, text: item.text, ...messaging });
        if (result.kind === 'token_invalid') deps.health.tokenRefused();
        else if (result.kind !== 'unknown_outcome' && result.kind !== 'rate_limited') deps.health.tokenWorked();
        if (result.kind !== 'sent') deps.logger.warn(`Meta send in ${batch.conversationId} not delivered: ${describe(result)}`);
        const { rest, ...outcome } = outcomeOf(result);
        outcomes.push(outcome);
        if (rest) {
          while (outcomes.length < batch.items.length) outcomes.push({ ...rest, platformMessageId: null });
          break;
        }
      }
      return outcomes;
    },
  };
}
export type MetaSender = ReturnType<typeof createMetaSender>;
