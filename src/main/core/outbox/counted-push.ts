import { channelHasCountedPushes } from '../../../shared/delivery/channel-window';
import type { Channel } from '../../../shared/protocol/events';

export type CountedPushRefusal = { ok: false; code: 'NO_COUNTED_PUSH'; message: string };

const CHANNEL_NAME: Record<Channel, string> = { line: 'LINE', messenger: 'Messenger', instagram: 'Instagram', webchat: 'Web chat' };

/**
 * Counted pushes are LINE's: a Messenger or Instagram reply outside Meta's window waits for the customer, and a
 * web chat reply is always free. A push asked for on another channel is refused before anything is queued.
 */
export function refuseCountedPush(channel: Channel, push: boolean | undefined): CountedPushRefusal | null {
  if (!push || channelHasCountedPushes(channel)) return null;
  return {
    ok: false,
    code: 'NO_COUNTED_PUSH',
    message: `${CHANNEL_NAME[channel]} has no counted pushes: a reply outside its window waits for the customer's next message`,
  };
}
