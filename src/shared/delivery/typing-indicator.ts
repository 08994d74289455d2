import { replyWindowRemainingMs } from './reply-window';

/**
 * When the relay shows LINE's typing (loading) indicator to a customer while an agent types.
 * Free (LINE does not count it), but only useful while a free reply is still possible: after the
 * window closes the reply is held, and "typing…" with no answer would only disappoint the customer.
 */

/** At most one loading/start per conversation this often, however often agents' presence is renewed. */
export const TYPING_INDICATOR_THROTTLE_MS = 20_000;

/** LINE accepts 5–60 seconds in steps of 5. */
const LOADING_STEP_SECONDS = 5;
const LOADING_MAX_SECONDS = 60;

/**
 * How long to show the indicator: until the next renewal at most, and not much past the end of the free
 * window (rounded up to LINE's 5-second steps). null when the window is closed.
 */
export function loadingSecondsFor(tokenReceivedAt: number | null, now: number): number | null {
  const remainingMs = replyWindowRemainingMs(tokenReceivedAt, now);
  if (remainingMs <= 0) return null;
  const wantedMs = Math.min(remainingMs, TYPING_INDICATOR_THROTTLE_MS);
  const steps = Math.max(1, Math.ceil(wantedMs / 1000 / LOADING_STEP_SECONDS));
  return Math.min(steps * LOADING_STEP_SECONDS, LOADING_MAX_SECONDS);
}

/** LINE shows the indicator only in one-to-one chats: user ids start with U (groups C, rooms R). */
export function isLineUserChat(friendId: string): boolean {
  return /^U[0-9a-f]{32}$/i.test(friendId);
}
