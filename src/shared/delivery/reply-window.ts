/**
 * LINE reply tokens are single-use and valid about one minute after the webhook.
 * We only use a token while it is younger than this, to leave room for network time.
 */
export const REPLY_TOKEN_SAFE_AGE_MS = 50_000;

/** True when a token received at `receivedAt` may still be used at `now`. */
export function isReplyTokenFresh(receivedAt: number, now: number): boolean {
  const age = now - receivedAt;
  return age >= 0 && age < REPLY_TOKEN_SAFE_AGE_MS;
}

/** Milliseconds left in the free-reply window (0 when closed). */
export function replyWindowRemainingMs(receivedAt: number | null, now: number): number {
  if (receivedAt === null) return 0;
  return Math.max(0, REPLY_TOKEN_SAFE_AGE_MS - (now - receivedAt));
}
