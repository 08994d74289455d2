import { replyOutlook, type ChannelWindow } from '../../shared/delivery/channel-window';
import type { ConnectionState } from '../../shared/ipc';

/** What happens to a reply sent right now, as far as this device can tell. */
export type ReplyMode = 'free' | 'held' | 'offline';

/** By the conversation's own channel rule (LINE token, Meta's 24 h / 7 d windows, web chat always free). */
export function replyModeAt(window: ChannelWindow, now: number, connection: ConnectionState): ReplyMode {
  // Offline wins: the reply waits in the local outbox first, whatever the window says.
  if (connection !== 'online') return 'offline';
  return replyOutlook(window, now).mode;
}

/** LINE's reply token is the only window that needs a once-a-second tick; Meta's change by the minute. */
export function windowTickMs(window: ChannelWindow): number | null {
  if (window.gate === 'reply_token') return window.tokenReceivedAt === null ? null : 1_000;
  if (window.gate === 'messaging_window') return window.lastCustomerMessageAt === null ? null : 30_000;
  return null;
}
