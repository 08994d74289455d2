import type { OutboundMessageRecord } from './relay-store';
import type { RelayStorePart } from './relay-store-parts';
import { claimMutationIdSync, existingClaimSync } from './sqlite-mutation-claims';
import { setPresenceSync, typingAgentsSync } from './sqlite-presence';
import { isQuotaBlockedSync, quotaSnapshotSync, recordQuotaPollSync } from './sqlite-quota';
import { beginMarkReadSync, claimTypingIndicatorSync } from './sqlite-read-and-typing';
import { beginReplySendSync, claimHeldRepliesSync, getMutationSync, hasFreeWindowSync, settleReplyBatchSync } from './sqlite-replies';
import { beginReplyActionSync, settlePushSync } from './sqlite-reply-actions';
import { statement } from './statements';
import type { SqliteStoreContext } from './sqlite-store-context';
import { failUnconfirmedSendsSync, hasUnconfirmedSendsSync } from './sqlite-unconfirmed-sends';

/**
 * What the SQLite store sends to customers: replies (held, claimed, settled, cancelled, edited, pushed), automatic
 * answers, read receipts and the typing indicator, the LINE quota, and the mutation ids that make each once-only.
 */
export function sqliteRepliesPart({ db, write, writeAndNotify, writeEvents, notify }: SqliteStoreContext): RelayStorePart<'replies'> {
  return {
    async beginReplySend(input) {
      return writeAndNotify(() => beginReplySendSync(db, input));
    },

    async claimHeldReplies(conversationId, now, maxMessages) {
      // Nearly every webhook brings a token and finds nothing held: a plain read spares it a second write
      // transaction. A reply held just after this read waits for the next token, as if it came later.
      const anyHeld = statement(db, `SELECT 1 FROM outbound_messages WHERE conversation_id = ? AND delivery = 'held' LIMIT 1`);
      if (anyHeld.get(conversationId) === undefined) return null;
      const { batch, appended } = write(() => claimHeldRepliesSync(db, conversationId, now, maxMessages));
      notify(appended);
      return batch;
    },

    async settleReplyBatch(input) {
      return writeEvents(() => settleReplyBatchSync(db, input));
    },

    async beginReplyAction(input) {
      return writeAndNotify(() => beginReplyActionSync(db, input));
    },

    async settlePush(input) {
      return writeEvents(() => settlePushSync(db, input));
    },

    async failUnconfirmedSends(input) {
      if (!hasUnconfirmedSendsSync(db, input.staleBefore)) return [];
      return writeEvents(() => failUnconfirmedSendsSync(db, input));
    },

    async getMutation(mutationId) {
      return getMutationSync(db, mutationId);
    },

    async claimMutationId(input) {
      return existingClaimSync(db, input) ?? write(() => claimMutationIdSync(db, input));
    },

    async getOutboundMessage(messageId) {
      const row = db
        .prepare(
          `SELECT message_id AS messageId, mutation_id AS mutationId, conversation_id AS conversationId, text,
                  delivery, reason, reply_token AS replyToken
           FROM outbound_messages WHERE message_id = ?`,
        )
        .get(messageId) as OutboundMessageRecord | undefined;
      return row ?? null;
    },

    async isQuotaBlocked() {
      return isQuotaBlockedSync(db);
    },

    async recordQuotaPoll(poll, plan) {
      return writeEvents(() => recordQuotaPollSync(db, poll, plan));
    },

    async quotaSnapshot(plan, now) {
      return quotaSnapshotSync(db, plan, now);
    },

    async setPresence(input) {
      write(() => setPresenceSync(db, input));
    },

    async beginAutoReply(input) {
      const { result, appended } = write(() => {
        // Checked inside the write lock: a typing report committed by another process is seen here.
        const repeat = getMutationSync(db, input.mutationId);
        if (repeat) return { result: { kind: 'repeat' as const, mutation: repeat }, appended: [] };
        const typingAgents = typingAgentsSync(db, input.conversationId, input.now);
        if (typingAgents.length > 0) {
          return { result: { kind: 'skipped' as const, reason: 'agent_typing' as const, typingAgents }, appended: [] };
        }
        // An automatic answer is only worth sending free and at once; it is never held for later.
        if (!hasFreeWindowSync(db, input.conversationId, input.now)) {
          return { result: { kind: 'skipped' as const, reason: 'no_fresh_token' as const, typingAgents }, appended: [] };
        }
        return beginReplySendSync(db, { ...input, auto: true });
      });
      notify(appended);
      return result;
    },

    async beginMarkRead(input) {
      return write(() => beginMarkReadSync(db, input));
    },

    async claimTypingIndicator(input) {
      return write(() => claimTypingIndicatorSync(db, input));
    },
  };
}
