import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Meta's webhook verification: when the app's webhook is set up, Meta sends
 * `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` and expects the challenge back as the body
 * (status 200) when the verify token is ours, and 403 otherwise.
 */
export type MetaVerificationAnswer = { status: 200; body: string } | { status: 403 };

/** Meta sends a number; anything beyond a short run of visible ASCII is not echoed back (the body is reflected). */
const CHALLENGE_FORMAT = /^[\x21-\x7e]{1,256}$/;

type Query = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

/** One value of a query parameter; a repeated parameter counts as absent (we will not guess which one is meant). */
function single(query: Query, name: string): string | null {
  if (query instanceof URLSearchParams) {
    const values = query.getAll(name);
    return values.length === 1 ? values[0]! : null;
  }
  const value = query[name];
  return typeof value === 'string' ? value : null;
}

/** Constant-time equality of two strings of any length (compares their SHA-256 digests). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The answer to a verification GET. An unset (empty) verify token never verifies anything. */
export function answerMetaVerification(query: Query, verifyToken: string): MetaVerificationAnswer {
  const mode = single(query, 'hub.mode');
  const token = single(query, 'hub.verify_token');
  const challenge = single(query, 'hub.challenge');
  if (verifyToken.length === 0 || mode !== 'subscribe' || token === null || challenge === null) return { status: 403 };
  if (!CHALLENGE_FORMAT.test(challenge)) return { status: 403 };
  return sameSecret(token, verifyToken) ? { status: 200, body: challenge } : { status: 403 };
}
