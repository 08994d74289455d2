import { replyWindowRemainingMs } from '../../../shared/delivery/reply-window';
import type { ConnectionState } from '../../../shared/ipc';
import { replyModeAt } from '../../lib/reply-mode';

/**
 * How the order summary would reach the customer if the order were created now, with the same reading of the
 * reply window the composer uses: free reply while a token is fresh, otherwise held for the customer's next
 * message, or a counted push when the agent ticks the consent box. Offline: the order waits in the outbox.
 */
export type SummaryDelivery =
  | { mode: 'none' }
  | { mode: 'offline' }
  | { mode: 'free'; secondsLeft: number }
  | { mode: 'held' }
  | { mode: 'push' };

export function summaryDelivery(input: {
  sendSummary: boolean;
  push: boolean;
  replyWindowOpenedAt: number | null;
  now: number;
  connection: ConnectionState;
}): SummaryDelivery {
  const mode = replyModeAt(input.replyWindowOpenedAt, input.now, input.connection);
  if (mode === 'offline') return { mode: 'offline' };
  if (!input.sendSummary) return { mode: 'none' };
  if (mode === 'free') return { mode: 'free', secondsLeft: Math.ceil(replyWindowRemainingMs(input.replyWindowOpenedAt, input.now) / 1000) };
  return input.push ? { mode: 'push' } : { mode: 'held' };
}

/** What `orders:create` gets: `push` only when consent was given and no free reply is possible. */
export function createOptions(sendSummary: boolean, delivery: SummaryDelivery): { sendSummary: boolean; push?: true } {
  return delivery.mode === 'push' && sendSummary ? { sendSummary, push: true } : { sendSummary };
}
