import { META_HELD_REASON } from './meta-window';

/**
 * Why a reply is held or failed, as stable codes on the wire (`reason` of message.sent /
 * delivery.updated). The app shows each code as a sentence in the agent's language; an unknown code
 * (from a newer relay) is shown as it is.
 */
export const DELIVERY_REASON = {
  /** No reply token younger than the safety margin: held for the customer's next message. */
  noFreshToken: 'no_fresh_token',
  /** Earlier held replies filled the five message objects of this reply. */
  queuedBehindHeld: 'queued_behind_held',
  /** LINE answered "Invalid reply token": the window closed in flight; held. */
  windowClosed: 'window_closed',
  /** 5xx, timeout or dropped connection on a reply: LINE may or may not have delivered it. */
  lineUnconfirmed: 'line_unconfirmed',
  /** The relay has no channel access token. */
  lineNotConfigured: 'line_not_configured',
  /** The relay has no Meta page access token (Messenger, Instagram). */
  metaNotConfigured: 'meta_not_configured',
  /** LINE answered 429 "monthly limit": pushes stop until the quota has room again; the item stays held. */
  quotaExhausted: 'quota_exhausted',
  /** A push got no clear answer even after retries with the same retry key; re-pushing is safe (409 = sent). */
  pushUnconfirmed: 'push_unconfirmed',
  /** LINE kept answering 429 (rate limit) until the reply token's free window ran out: nothing sent, held. */
  lineRateLimited: 'line_rate_limited',
  /** A photo or file to send, but the relay has no public address for it (RELAY_PUBLIC_URL): failed. */
  publicUrlNotConfigured: 'public_url_not_configured',

  // ── Messenger / Instagram (src/relay/channels/meta/sender.ts) ──
  /** Held: 24 h – 7 d since the customer's last message and the page may not use the HUMAN_AGENT tag. */
  metaWindowClosedNoHumanAgent: META_HELD_REASON.closedNoHumanAgent,
  /** Held: more than 7 days since the customer's last message (or they never wrote). */
  metaWindowClosed: META_HELD_REASON.closed,
  /** Held: Meta answered (#10) 2018278 "outside of allowed window" — nothing was sent. */
  metaOutsideWindow: 'meta_outside_window',
  /** Held: Meta kept answering with a rate limit (4, 32, 613) after the retries — nothing was sent. */
  metaRateLimited: 'meta_rate_limited',
  /** Held: an earlier message of the same send got no clear answer, so the rest were not sent after it. */
  metaHeldAfterUnconfirmed: 'meta_held_after_unconfirmed',
  /** Failed: Meta answered (#551) — the person cannot be messaged now (blocked the page, deactivated). */
  metaPersonUnavailable: 'meta_person_unavailable',
  /** Failed: 5xx, timeout or dropped connection: Meta may or may not have delivered it; never resent. */
  metaUnconfirmed: 'meta_unconfirmed',
  /** Failed: Meta answered (#190) — the page access token is invalid or expired. */
  metaTokenInvalid: 'meta_token_invalid',
} as const;
export type DeliveryReasonCode = (typeof DELIVERY_REASON)[keyof typeof DELIVERY_REASON];

const LINE_REFUSED_PREFIX = 'line_refused:';
const META_REFUSED_PREFIX = 'meta_refused:';

/** LINE refused the request for a reason other than the reply token (a 4xx): `line_refused:<status>:<message>`. */
export function lineRefusedReason(status: number, message: string): string {
  return `${LINE_REFUSED_PREFIX}${status}:${message}`;
}

/** Meta refused the message for another reason (code 100, other 4xx): `meta_refused:<error code>:<message>`. */
export function metaRefusedReason(code: number | null, message: string): string {
  return `${META_REFUSED_PREFIX}${code ?? 0}:${message}`;
}

export type ParsedDeliveryReason =
  | { kind: 'known'; code: DeliveryReasonCode }
  | { kind: 'line_refused'; status: number; message: string }
  | { kind: 'meta_refused'; code: number; message: string }
  | { kind: 'other'; text: string };

export function parseDeliveryReason(reason: string): ParsedDeliveryReason {
  const known = Object.values(DELIVERY_REASON).find((code) => code === reason);
  if (known) return { kind: 'known', code: known };
  const line = numberAndMessage(reason, LINE_REFUSED_PREFIX);
  if (line) return { kind: 'line_refused', status: line.number, message: line.message };
  const meta = numberAndMessage(reason, META_REFUSED_PREFIX);
  if (meta) return { kind: 'meta_refused', code: meta.number, message: meta.message };
  return { kind: 'other', text: reason };
}

/** `<prefix><integer>[:<message>]` → its parts; null when the reason does not have that form. */
function numberAndMessage(reason: string, prefix: string): { number: number; message: string } | null {
  if (!reason.startsWith(prefix)) return null;
  const rest = reason.slice(prefix.length);
  const colon = rest.indexOf(':');
  const number = Number(colon < 0 ? rest : rest.slice(0, colon));
  return Number.isInteger(number) ? { number, message: colon < 0 ? '' : rest.slice(colon + 1) } : null;
}
