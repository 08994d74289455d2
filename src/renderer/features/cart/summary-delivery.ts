import { channelHasCountedPushes, replyOutlook, type ChannelWindow } from '../../../shared/delivery/channel-window';
import type { ConnectionState } from '../../../shared/ipc';
import type { Channel } from '../../../shared/protocol/events';
import type { Translate } from '../../i18n/translate';

/**
 * How the order summary would reach the customer if the order were created now, with the same reading of the
 * reply window the composer uses (the conversation's channel rule): free while the window is open, otherwise
 * held for the customer's next message, or — LINE only — a counted push when the agent ticks the consent box.
 * Offline: the order waits in the outbox.
 */
export type SummaryDelivery =
  | { mode: 'none' }
  | { mode: 'offline' }
  /** `secondsLeft`: LINE's token countdown; null on channels whose window is not counted in seconds. */
  | { mode: 'free'; secondsLeft: number | null }
  | { mode: 'held' }
  | { mode: 'push' };

export function summaryDelivery(input: {
  sendSummary: boolean;
  push: boolean;
  channel: Channel;
  replyWindow: ChannelWindow;
  now: number;
  connection: ConnectionState;
}): SummaryDelivery {
  if (input.connection !== 'online') return { mode: 'offline' };
  if (!input.sendSummary) return { mode: 'none' };
  const outlook = replyOutlook(input.replyWindow, input.now);
  if (outlook.mode === 'free') {
    return { mode: 'free', secondsLeft: outlook.via === 'line_token' ? Math.ceil((outlook.closesAt - input.now) / 1000) : null };
  }
  // A counted push exists only on LINE: elsewhere the summary waits for the customer whatever the box said.
  return input.push && channelHasCountedPushes(input.channel) ? { mode: 'push' } : { mode: 'held' };
}

/** The "free" hint: LINE's seconds countdown, or the plain free-reply sentence on the other channels. */
export function freeSummaryHint(delivery: SummaryDelivery, withSeconds: (seconds: number) => string, t: Translate): string {
  if (delivery.mode !== 'free') return '';
  return delivery.secondsLeft === null ? t('composer.hint.free') : withSeconds(delivery.secondsLeft);
}

/** What `orders:create` gets: `push` only when consent was given and no free reply is possible. */
export function createOptions(sendSummary: boolean, delivery: SummaryDelivery): { sendSummary: boolean; push?: true } {
  return delivery.mode === 'push' && sendSummary ? { sendSummary, push: true } : { sendSummary };
}
