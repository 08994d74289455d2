import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import type { LineMessagingClient } from '../channels/line/messaging-client';
import { createLineSender } from '../channels/line/sender';
import { createWebchatSender } from '../channels/webchat/sender';
import type { Logger } from '../logger';
import type { ChannelSender, ChannelSenders } from './channel-sender';
import { unconfiguredSender } from './unconfigured-sender';

/** Every channel's sender; a channel without credentials gets one that fails clearly without calling anyone. */
export function createChannelSenders(deps: {
  lineClient: LineMessagingClient | null;
  logger: Logger;
  meta?: ChannelSender | null;
  now?: () => number;
  publicBaseUrl?: string | null;
}): ChannelSenders {
  const meta = deps.meta ?? unconfiguredSender(DELIVERY_REASON.metaNotConfigured);
  return {
    line: createLineSender(
      deps.lineClient,
      deps.logger,
      { now: deps.now ?? Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      deps.publicBaseUrl ?? null,
    ),
    messenger: meta,
    instagram: meta,
    webchat: createWebchatSender(),
  };
}
