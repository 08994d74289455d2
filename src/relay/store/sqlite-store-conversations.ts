import type { RelayStorePart } from './relay-store-parts';
import { applyProfileSync, getConversationSync, getProfileSync, lastCustomerMessageAtSync } from './sqlite-conversations';
import { appendEventsSync, headSeqSync, readEventsSync } from './sqlite-event-log';
import { recordInboundGroupSync } from './sqlite-inbound';
import type { SqliteStoreContext } from './sqlite-store-context';

/** The SQLite store's event log, inbound bodies of every channel, and conversations with their profiles. */
export function sqliteConversationsPart({ db, write, writeEvents, notify }: SqliteStoreContext): RelayStorePart<'conversations'> {
  return {
    async headSeq() {
      return headSeqSync(db);
    },

    async readEvents(afterSeq, limit) {
      return readEventsSync(db, afterSeq, limit);
    },

    async appendEvents(events) {
      return writeEvents(() => appendEventsSync(db, events));
    },

    async recordInbound(bodies) {
      const outcomes = write(() => recordInboundGroupSync(db, bodies));
      notify(outcomes.flatMap((outcome) => (outcome.ok ? outcome.result.appended : [])));
      return outcomes;
    },

    async getConversation(conversationId) {
      return getConversationSync(db, conversationId);
    },

    async applyProfile(profile, conversationId) {
      return writeEvents(() => applyProfileSync(db, profile, conversationId));
    },

    async getProfile(channel, profileKey) {
      return getProfileSync(db, channel, profileKey);
    },

    async lastCustomerMessageAt(conversationId) {
      return lastCustomerMessageAtSync(db, conversationId);
    },
  };
}
