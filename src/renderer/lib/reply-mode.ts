import { replyWindowRemainingMs } from '../../shared/delivery/reply-window';
import type { ConnectionState } from '../../shared/ipc';

/** What happens to a reply sent right now, as far as this device can tell. */
export type ReplyMode = 'free' | 'held' | 'offline';

export function replyModeAt(replyWindowOpenedAt: number | null, now: number, connection: ConnectionState): ReplyMode {
  // Offline wins: the reply waits in the local outbox first, whatever the window says.
  if (connection !== 'online') return 'offline';
  return replyWindowRemainingMs(replyWindowOpenedAt, now) > 0 ? 'free' : 'held';
}
