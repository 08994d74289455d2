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
} as const;
export type DeliveryReasonCode = (typeof DELIVERY_REASON)[keyof typeof DELIVERY_REASON];

const LINE_REFUSED_PREFIX = 'line_refused:';

/** LINE refused the request for a reason other than the reply token (a 4xx): `line_refused:<status>:<message>`. */
export function lineRefusedReason(status: number, message: string): string {
  return `${LINE_REFUSED_PREFIX}${status}:${message}`;
}

export type ParsedDeliveryReason =
  | { kind: 'known'; code: DeliveryReasonCode }
  | { kind: 'line_refused'; status: number; message: string }
  | { kind: 'other'; text: string };

export function parseDeliveryReason(reason: string): ParsedDeliveryReason {
  const known = Object.values(DELIVERY_REASON).find((code) => code === reason);
  if (known) return { kind: 'known', code: known };
  if (reason.startsWith(LINE_REFUSED_PREFIX)) {
    const rest = reason.slice(LINE_REFUSED_PREFIX.length);
    const colon = rest.indexOf(':');
    const status = Number(colon < 0 ? rest : rest.slice(0, colon));
    if (Number.isInteger(status)) return { kind: 'line_refused', status, message: colon < 0 ? '' : rest.slice(colon + 1) };
  }
  return { kind: 'other', text: reason };
}
