import { replyWindowRemainingMs } from '../../shared/delivery/reply-window';
import type { ConnectionState } from '../../shared/ipc';

/** What happens to a reply sent right now, as far as this device can tell. */
export type ReplyMode = 'free' | 'held' | 'offline';

export function replyModeAt(replyWindowOpenedAt: number | null, now: number, connection: ConnectionState): ReplyMode {
  // Offline wins: the reply waits in the local outbox first, whatever the window says.
  if (connection !== 'online') return 'offline';
  return replyWindowRemainingMs(replyWindowOpenedAt, now) > 0 ? 'free' : 'held';
}

/** LINE refuses text messages longer than this. */
export const LINE_TEXT_MAX_CHARS = 5000;
/** The counter appears once a reply gets this long, so it does not distract in normal use. */
export const COUNTER_VISIBLE_FROM = 4000;
