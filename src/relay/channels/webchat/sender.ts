import type { ChannelSender } from '../../delivery/channel-sender';

/**
 * Web chat's way out: the message is already in the event log, which is where the visitor's connection reads
 * it from (live, or on the next visit) — so it is sent, and free, the moment it is stored.
 */
export function createWebchatSender(): ChannelSender {
  return {
    async sendBatch(batch) {
      return batch.items.map(() => ({ delivery: 'sent_free' as const, reason: null, platformMessageId: null }));
    },
  };
}
