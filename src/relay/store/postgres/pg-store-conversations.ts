import type { InboundOutcome } from '../channel-store-types';
import type { RelayStorePart } from '../relay-store-parts';
import * as conversations from './pg-conversations';
import { headSeq, readEvents } from './pg-event-log';
import { recordInboundGroup } from './pg-inbound';
import type { PgStoreContext } from './pg-store-context';

/** The PostgreSQL store's event log, inbound bodies of every channel, and conversations with their profiles. */
export function pgConversationsPart({ pool, reader, write, writeEvents }: PgStoreContext): RelayStorePart<'conversations'> {
  return {
    headSeq() {
      return headSeq(pool);
    },

    readEvents(afterSeq, limit) {
      return readEvents(pool, afterSeq, limit);
    },

    appendEvents(events) {
      return writeEvents(async (tx) => tx.emit(events));
    },

    async recordInbound(bodies) {
      const { result, appended } = await write((tx) => recordInboundGroup(tx, bodies));
      return result.map((outcome): InboundOutcome => {
        if (!outcome.ok) return outcome;
        return { ok: true, result: { ...outcome.result, appended: appended.slice(outcome.emitted.from, outcome.emitted.to) } };
      });
    },

    getConversation(conversationId) {
      return conversations.getConversation(reader, conversationId);
    },

    applyProfile(profile, conversationId) {
      return writeEvents((tx) => conversations.applyProfile(tx, profile, conversationId));
    },

    getProfile(channel, profileKey) {
      return conversations.getProfile(reader, channel, profileKey);
    },

    lastCustomerMessageAt(conversationId) {
      return conversations.lastCustomerMessageAt(reader, conversationId);
    },
  };
}
