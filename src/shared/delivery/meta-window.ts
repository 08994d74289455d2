/**
 * Meta's messaging windows (Messenger and Instagram), the counterpart of LINE's reply-window.ts.
 *
 * A customer's message opens the standard window: any reply (`messaging_type: "RESPONSE"`) may be sent for
 * 24 h after their LAST message. A reply written by a person may still go out up to 7 days after it with
 * `messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT"`, but only when the app has Meta's Human Agent approval.
 * After that nothing may be sent until the customer writes again. All of it is free (one-to-one messages).
 *
 * Times are Meta's webhook `timestamp` (ms) for the customer's message and the relay's clock for `now`; a few
 * seconds of skew at the edge only turn into Meta's own "outside window" refusal, which sends nothing.
 */

export const META_STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const META_HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Stable reason codes for a held Meta reply (same role as DELIVERY_REASON for LINE). */
export const META_HELD_REASON = {
  /** 24 h – 7 d since the customer's last message, but the page may not use the HUMAN_AGENT tag. */
  closedNoHumanAgent: 'meta_window_closed_no_human_agent',
  /** More than 7 days since the customer's last message, or the customer never wrote. */
  closed: 'meta_window_closed',
} as const;
export type MetaHeldReason = (typeof META_HELD_REASON)[keyof typeof META_HELD_REASON];

export type MetaSendMode =
  /** Inside the 24 h standard window: send with `messaging_type: "RESPONSE"` until `closesAt`. */
  | { mode: 'response'; closesAt: number }
  /** Inside the 7-day human-agent window: `MESSAGE_TAG` + `HUMAN_AGENT` until `closesAt` (only agents' own words). */
  | { mode: 'human_agent'; closesAt: number }
  /** Nothing may be sent now; the reply waits for the customer's next message. */
  | { mode: 'held'; reason: MetaHeldReason };

/**
 * How a reply may go to a Messenger/Instagram customer now.
 * `lastCustomerMessageAt` is null when the customer never wrote (nothing opened a window).
 * Boundaries are half-open: exactly 24 h after the message the standard window is closed, exactly 7 days
 * after it the human-agent window is closed.
 */
export function metaSendMode(lastCustomerMessageAt: number | null, now: number, humanAgentAllowed: boolean): MetaSendMode {
  if (lastCustomerMessageAt === null) return { mode: 'held', reason: META_HELD_REASON.closed };
  // A timestamp slightly ahead of our clock (skew) counts as "just now".
  const age = Math.max(0, now - lastCustomerMessageAt);
  if (age < META_STANDARD_WINDOW_MS) return { mode: 'response', closesAt: lastCustomerMessageAt + META_STANDARD_WINDOW_MS };
  if (age < META_HUMAN_AGENT_WINDOW_MS) {
    return humanAgentAllowed
      ? { mode: 'human_agent', closesAt: lastCustomerMessageAt + META_HUMAN_AGENT_WINDOW_MS }
      : { mode: 'held', reason: META_HELD_REASON.closedNoHumanAgent };
  }
  return { mode: 'held', reason: META_HELD_REASON.closed };
}

/** The Send API fields that go with a send mode (`messaging_type` and `tag`). */
export type MetaMessaging = { messagingType: 'RESPONSE' } | { messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

/** The Send API fields for a mode, or null when the reply must be held. */
export function metaMessagingFor(mode: MetaSendMode): MetaMessaging | null {
  if (mode.mode === 'response') return { messagingType: 'RESPONSE' };
  if (mode.mode === 'human_agent') return { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return null;
}
