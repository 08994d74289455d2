import type { ChannelSender } from './channel-sender';

/** A channel the relay has no credentials for: every message fails with `reason`, nothing is called. */
export function unconfiguredSender(reason: string): ChannelSender {
  return {
    async sendBatch(batch) {
      return batch.items.map(() => ({ delivery: 'failed' as const, reason, platformMessageId: null }));
    },
  };
}
