import type { MutationAck, NewRelayEvent } from '../../../shared/protocol';
import type { BeginReplyActionInput, BeginReplyActionResult, SettlePushInput } from '../relay-store';
import { itemExtrasOfRow } from '../sqlite-outbound-content';
import { canPush, deliveryEvent, notChangeable, type OutboundRow } from '../sqlite-reply-actions';
import { friendIdOf } from './pg-conversations';
import { blockQuota, isQuotaBlocked } from './pg-quota';
import { completeSendMutation, recordMutation } from './pg-replies';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-reply-actions.ts. */
export async function outboundRow(tx: PgTx, messageId: string): Promise<OutboundRow | undefined> {
  return tx.row<OutboundRow>(
    'SELECT message_id, mutation_id, conversation_id, text, delivery, reason, retry_key, content_json, quote_token FROM outbound_messages WHERE message_id = $1',
    [messageId],
  );
}

/**
 * reply.cancel / reply.edit / reply.push. Caller holds the mutation lock and the message's conversation lock
 * and has checked for a repeat, so the state read here is the state the update changes.
 */
export async function beginReplyAction(tx: PgTx, input: BeginReplyActionInput, row: OutboundRow | undefined): Promise<BeginReplyActionResult> {
  const answered = async (answer: MutationAck, events: NewRelayEvent[] = []): Promise<BeginReplyActionResult> => {
    await recordMutation(tx, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer });
    tx.emit(events);
    return { kind: 'answered', answer };
  };
  if (!row) return answered({ ok: false, code: 'UNKNOWN_MESSAGE', message: `No outgoing message ${input.messageId} on this relay` });

  switch (input.type) {
    case 'reply.cancel': {
      if (row.delivery !== 'held' && row.delivery !== 'failed') return answered(notChangeable(row, 'held or failed messages can be cancelled'));
      await tx.run(`UPDATE outbound_messages SET delivery = 'cancelled', reason = NULL, updated_at = $1 WHERE message_id = $2`, [input.now, row.message_id]);
      return answered({ ok: true, messageId: row.message_id, delivery: 'cancelled', reason: null }, [deliveryEvent(row, 'cancelled', null, input.now)]);
    }
    case 'reply.edit': {
      if (row.delivery !== 'held') return answered(notChangeable(row, 'held messages can be edited'));
      const text = input.text ?? row.text;
      await tx.run('UPDATE outbound_messages SET text = $1, updated_at = $2 WHERE message_id = $3', [text, input.now, row.message_id]);
      const edited: NewRelayEvent = {
        type: 'message.edited',
        conversationId: row.conversation_id,
        occurredAt: input.now,
        payload: { messageId: row.message_id, mutationId: row.mutation_id, text, agentName: input.agentName },
      };
      return answered({ ok: true, messageId: row.message_id, delivery: 'held', reason: row.reason }, [edited]);
    }
    case 'reply.push': {
      if (!canPush(row)) return answered(notChangeable(row, 'held or unconfirmed messages can be pushed'));
      if (await isQuotaBlocked(tx)) {
        return answered({
          ok: false,
          code: 'QUOTA_EXHAUSTED',
          message: 'The monthly push quota is used up (LINE answered 429): the message stays held and goes out free when the customer writes again',
        });
      }
      const retryKey = row.retry_key ?? input.newRetryKey;
      await tx.run(
        `UPDATE outbound_messages SET delivery = 'sending', reason = NULL, push_consent = 1, retry_key = $1, updated_at = $2 WHERE message_id = $3`,
        [retryKey, input.now, row.message_id],
      );
      await recordMutation(tx, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer: null });
      tx.emit([deliveryEvent(row, 'sending', null, input.now)]);
      const item = {
        messageId: row.message_id,
        mutationId: row.mutation_id,
        conversationId: row.conversation_id,
        text: row.text,
        ...itemExtrasOfRow(row),
        retryKey,
        friendId: await friendIdOf(tx, row.conversation_id),
      };
      return { kind: 'push', item };
    }
  }
}

/** Records how a push ended (and the relay-wide quota block after a 429), answering the waiting mutation. */
export async function settlePush(tx: PgTx, input: SettlePushInput): Promise<void> {
  const { item } = input;
  await tx.run(
    'UPDATE outbound_messages SET delivery = $1, reason = $2, push_attempts = push_attempts + $3, updated_at = $4 WHERE message_id = $5',
    [input.delivery, input.reason, input.attempts, input.now, item.messageId],
  );
  if (input.completesMutation) {
    await completeSendMutation(tx, { mutationId: input.completesMutation, messageId: item.messageId, delivery: input.delivery, reason: input.reason, now: input.now });
  }
  tx.emit([
    {
      type: 'delivery.updated',
      conversationId: item.conversationId,
      occurredAt: input.now,
      payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: input.delivery, reason: input.reason },
    },
  ]);
  if (input.blockQuota) await blockQuota(tx, input.plan, input.now);
}
