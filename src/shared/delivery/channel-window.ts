import type { Channel } from '../protocol/events';
import { CHANNEL_CAPABILITIES, type ReplyGate } from '../channels/capabilities';
import { META_HELD_REASON, metaSendMode, type MetaHeldReason } from './meta-window';
import { DELIVERY_REASON } from './reasons';
import { REPLY_TOKEN_SAFE_AGE_MS, replyWindowRemainingMs } from './reply-window';

/**
 * A conversation's reply window in its channel's terms, as the desktop keeps it from `conversation.replyWindow`
 * (docs/protocol.md). Times are on whatever clock the caller compares them with (the core shifts relay times
 * to the agent's clock before the renderer sees them).
 */
export type ChannelWindow =
  /** LINE: the newest usable reply token's start, null when there is none. */
  | { gate: 'reply_token'; tokenReceivedAt: number | null }
  /** Messenger / Instagram: Meta's time of the customer's last message and whether the page may use HUMAN_AGENT. */
  | { gate: 'messaging_window'; lastCustomerMessageAt: number | null; humanAgentAllowed: boolean }
  /** Web chat: replies are always free; whether the visitor's page is connected now. */
  | { gate: 'none'; visitorOnline: boolean };

/** The stored facts of every channel; each channel reads only its own. */
export interface ChannelWindowFacts {
  tokenReceivedAt: number | null;
  lastCustomerMessageAt: number | null;
  humanAgentAllowed: boolean;
  visitorOnline: boolean;
}

export function channelWindowOf(channel: Channel, facts: ChannelWindowFacts): ChannelWindow {
  const gate: ReplyGate = CHANNEL_CAPABILITIES[channel].replyGate;
  switch (gate) {
    case 'reply_token':
      return { gate, tokenReceivedAt: facts.tokenReceivedAt };
    case 'messaging_window':
      return { gate, lastCustomerMessageAt: facts.lastCustomerMessageAt, humanAgentAllowed: facts.humanAgentAllowed };
    case 'none':
      return { gate, visitorOnline: facts.visitorOnline };
  }
}

/** How a reply written now would go out, by the conversation's own channel rule. */
export type ReplyOutlook =
  /** LINE with a fresh token, until `closesAt`. */
  | { mode: 'free'; via: 'line_token'; closesAt: number }
  /** Meta's 24 h standard window (`RESPONSE`), until `closesAt`. */
  | { mode: 'free'; via: 'meta_response'; closesAt: number }
  /** Meta's 7-day human-agent window (`HUMAN_AGENT` tag), until `closesAt`. */
  | { mode: 'free'; via: 'meta_human_agent'; closesAt: number }
  /** Web chat: always free; an offline visitor sees it on their next visit. */
  | { mode: 'free'; via: 'webchat'; visitorOnline: boolean }
  /**
   * Held until the customer writes again. `pushable`: the channel has counted pushes (LINE only) the agent may
   * consent to; Meta and web chat have none.
   */
  | { mode: 'held'; reason: string; pushable: boolean };

export function replyOutlook(window: ChannelWindow, now: number): ReplyOutlook {
  switch (window.gate) {
    case 'reply_token': {
      const opened = window.tokenReceivedAt;
      // Same reading as the countdown: remaining time on this clock (a token "from the future" is still fresh).
      if (opened !== null && replyWindowRemainingMs(opened, now) > 0) {
        return { mode: 'free', via: 'line_token', closesAt: opened + REPLY_TOKEN_SAFE_AGE_MS };
      }
      return { mode: 'held', reason: DELIVERY_REASON.noFreshToken, pushable: true };
    }
    case 'messaging_window': {
      const mode = metaSendMode(window.lastCustomerMessageAt, now, window.humanAgentAllowed);
      if (mode.mode === 'response') return { mode: 'free', via: 'meta_response', closesAt: mode.closesAt };
      if (mode.mode === 'human_agent') return { mode: 'free', via: 'meta_human_agent', closesAt: mode.closesAt };
      return { mode: 'held', reason: mode.reason, pushable: false };
    }
    case 'none':
      return { mode: 'free', via: 'webchat', visitorOnline: window.visitorOnline };
  }
}

/** Only LINE counts pushes: every push-consent control is for LINE conversations only. */
export function channelHasCountedPushes(channel: Channel): boolean {
  return CHANNEL_CAPABILITIES[channel].replyGate === 'reply_token';
}

const META_REASONS: readonly string[] = Object.values(META_HELD_REASON);

/** True for the held reasons of Meta's windows (src/shared/delivery/meta-window.ts). */
export function isMetaHeldReason(reason: string): reason is MetaHeldReason {
  return META_REASONS.includes(reason);
}
