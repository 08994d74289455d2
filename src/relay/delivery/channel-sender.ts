import type { Channel } from '../../shared/protocol';
import type { ClaimedReplyBatch } from '../store/relay-store';

/** What happened to one message of a claimed batch, in the one vocabulary every channel's sender speaks. */
export interface SentItemOutcome {
  /** sent_free: delivered at no cost (LINE reply token, Meta window, web chat). */
  delivery: 'sent_free' | 'held' | 'failed';
  /** A reason code (src/shared/delivery/reasons.ts, META_HELD_REASON) when not sent. */
  reason: string | null;
  /** The platform's id of the sent message (Meta `message_id`), to recognise its echo; null when none. */
  platformMessageId: string | null;
}

/**
 * A channel's way out (src/relay/channels/<channel>/sender.ts). It sends a batch the store claimed, as the claim
 * says, and answers one outcome per item, in order. It never resends on an unknown outcome (5xx, timeout):
 * that item is `failed` with an "unconfirmed" reason and the agent decides.
 */
export interface ChannelSender {
  sendBatch(batch: ClaimedReplyBatch): Promise<SentItemOutcome[]>;
}

export type ChannelSenders = Readonly<Record<Channel, ChannelSender>>;
