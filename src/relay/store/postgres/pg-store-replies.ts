import type { BeginAutoReplyResult, OutboundMessageRecord } from '../relay-store';
import type { RelayStorePart } from '../relay-store-parts';
import { claimMutationId, existingClaim } from './pg-mutation-claims';
import { setPresence, typingAgents } from './pg-presence';
import * as quota from './pg-quota';
import { beginMarkRead, claimTypingIndicator } from './pg-read-and-typing';
import { beginReplySend, claimHeldReplies, getMutation, hasFreeWindow, lockMutation, settleReplyBatch } from './pg-replies';
import { beginReplyAction, outboundRow, settlePush } from './pg-reply-actions';
import type { PgStoreContext } from './pg-store-context';
import { LOCKS } from './pg-transaction';
import { failUnconfirmedSends, hasUnconfirmedSends } from './pg-unconfirmed-sends';

/**
 * What the PostgreSQL store sends to customers: replies (held, claimed, settled, cancelled, edited, pushed),
 * automatic answers, read receipts and the typing indicator, the LINE quota, and the mutation ids that make each
 * once-only — each with the locks it takes before the operation.
 */
export function pgRepliesPart({ pool, reader, write, writeResult, writeEvents }: PgStoreContext): RelayStorePart<'replies'> {
  return {
    beginReplySend(input) {
      return writeResult(async (tx) => {
        const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
        return repeat ? { kind: 'repeat', mutation: repeat } : beginReplySend(tx, input);
      });
    },

    async claimHeldReplies(conversationId, now, maxMessages) {
      // Nearly every webhook brings a token and finds nothing held: a plain read spares it a transaction.
      const anyHeld = await reader.row(`SELECT 1 FROM outbound_messages WHERE conversation_id = $1 AND delivery = 'held' LIMIT 1`, [conversationId]);
      if (!anyHeld) return null;
      return writeResult(async (tx) => {
        await tx.lock(LOCKS.conversation(conversationId));
        return claimHeldReplies(tx, conversationId, now, maxMessages);
      });
    },

    settleReplyBatch(input) {
      return writeEvents((tx) => settleReplyBatch(tx, input));
    },

    beginReplyAction(input) {
      return writeResult(async (tx) => {
        await tx.lock(LOCKS.mutation(input.mutationId));
        const repeat = await getMutation(tx, input.mutationId);
        if (repeat) return { kind: 'repeat', mutation: repeat };
        const seen = await outboundRow(tx, input.messageId);
        if (seen) await tx.lock(LOCKS.conversation(seen.conversation_id));
        return beginReplyAction(tx, input, seen ? await outboundRow(tx, input.messageId) : undefined);
      });
    },

    settlePush(input) {
      return writeEvents((tx) => settlePush(tx, input));
    },

    async failUnconfirmedSends(input) {
      if (!(await hasUnconfirmedSends(pool, input.staleBefore))) return [];
      return writeEvents((tx) => failUnconfirmedSends(tx, input));
    },

    getMutation(mutationId) {
      return getMutation(reader, mutationId);
    },

    async claimMutationId(input) {
      return (await existingClaim(reader, input)) ?? writeResult((tx) => claimMutationId(tx, input));
    },

    isQuotaBlocked() {
      return quota.isQuotaBlocked(reader);
    },

    recordQuotaPoll(poll, plan) {
      return writeEvents((tx) => quota.recordQuotaPoll(tx, poll, plan));
    },

    quotaSnapshot(plan, now) {
      return quota.quotaSnapshot(reader, plan, now);
    },

    async getOutboundMessage(messageId) {
      const row = await reader.row<OutboundMessageRecord>(
        `SELECT message_id AS "messageId", mutation_id AS "mutationId", conversation_id AS "conversationId", text,
                delivery, reason, reply_token AS "replyToken"
         FROM outbound_messages WHERE message_id = $1`,
        [messageId],
      );
      return row ?? null;
    },

    async setPresence(input) {
      await write((tx) => setPresence(tx, input));
    },

    beginAutoReply(input) {
      return writeResult(async (tx): Promise<BeginAutoReplyResult> => {
        const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
        if (repeat) return { kind: 'repeat', mutation: repeat };
        // Read under the conversation's lock: a typing report committed by any relay process is seen here.
        const typing = await typingAgents(tx, input.conversationId, input.now);
        if (typing.length > 0) return { kind: 'skipped', reason: 'agent_typing', typingAgents: typing };
        if (!(await hasFreeWindow(tx, input.conversationId, input.now))) return { kind: 'skipped', reason: 'no_fresh_token', typingAgents: typing };
        return beginReplySend(tx, { ...input, auto: true });
      });
    },

    beginMarkRead(input) {
      return writeResult(async (tx) => {
        const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
        return repeat ? { kind: 'repeat', mutation: repeat } : beginMarkRead(tx, input);
      });
    },

    claimTypingIndicator(input) {
      return writeResult((tx) => claimTypingIndicator(tx, input));
    },
  };
}
