import { itemExtrasOfRow } from './sqlite-outbound-content';
import type Database from 'better-sqlite3';
import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import type { DeliveryState, MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { BeginReplyActionInput, BeginReplyActionResult, SettlePushInput } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { blockQuotaSync, isQuotaBlockedSync } from './sqlite-quota';
import { friendIdSync } from './sqlite-outbound';
import { completeSendMutationSync, getMutationSync, recordMutationSync } from './sqlite-replies';

export interface OutboundRow {
  message_id: string;
  mutation_id: string;
  conversation_id: string;
  text: string;
  delivery: DeliveryState;
  reason: string | null;
  retry_key: string | null;
  content_json: string | null;
  quote_token: string | null;
}

/** A failure whose outcome is unknown: the agent may resend it as a push (or ignore it). */
const UNCONFIRMED_REASONS: ReadonlySet<string> = new Set([DELIVERY_REASON.lineUnconfirmed, DELIVERY_REASON.pushUnconfirmed]);

export function canPush(row: OutboundRow): boolean {
  return row.delivery === 'held' || (row.delivery === 'failed' && row.reason !== null && UNCONFIRMED_REASONS.has(row.reason));
}

export function deliveryEvent(row: OutboundRow, delivery: DeliveryState, reason: string | null, now: number): NewRelayEvent {
  return {
    type: 'delivery.updated',
    conversationId: row.conversation_id,
    occurredAt: now,
    payload: { messageId: row.message_id, mutationId: row.mutation_id, delivery, reason },
  };
}

export const notChangeable = (row: OutboundRow, verb: string): MutationAck => ({
  ok: false,
  code: 'NOT_CHANGEABLE',
  message: `Message ${row.message_id} is ${row.delivery}: only ${verb}`,
});

/**
 * reply.cancel / reply.edit / reply.push in ONE transaction: cancel and edit finish here; a push claims
 * the item (delivery `sending`, retry key stored before the first attempt) and is settled after LINE answered.
 * The state checks are part of the UPDATE, so two relay processes cannot both claim one item.
 */
export function beginReplyActionSync(
  db: Database.Database,
  input: BeginReplyActionInput,
): { result: BeginReplyActionResult; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { result: { kind: 'repeat', mutation: repeat }, appended: [] };
  const answered = (answer: MutationAck, events: NewRelayEvent[] = []) => {
    recordMutationSync(db, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer });
    return { result: { kind: 'answered' as const, answer }, appended: appendEventsSync(db, events) };
  };

  const row = db
    .prepare(
      'SELECT message_id, mutation_id, conversation_id, text, delivery, reason, retry_key, content_json, quote_token FROM outbound_messages WHERE message_id = ?',
    )
    .get(input.messageId) as OutboundRow | undefined;
  if (!row) return answered({ ok: false, code: 'UNKNOWN_MESSAGE', message: `No outgoing message ${input.messageId} on this relay` });
  const touch = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values, input.now, row.message_id);

  switch (input.type) {
    case 'reply.cancel': {
      if (row.delivery !== 'held' && row.delivery !== 'failed') return answered(notChangeable(row, 'held or failed messages can be cancelled'));
      touch(`UPDATE outbound_messages SET delivery = 'cancelled', reason = NULL, updated_at = ? WHERE message_id = ?`);
      return answered({ ok: true, messageId: row.message_id, delivery: 'cancelled', reason: null }, [deliveryEvent(row, 'cancelled', null, input.now)]);
    }
    case 'reply.edit': {
      if (row.delivery !== 'held') return answered(notChangeable(row, 'held messages can be edited'));
      const text = input.text ?? row.text;
      touch(`UPDATE outbound_messages SET text = ?, updated_at = ? WHERE message_id = ?`, text);
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
      if (isQuotaBlockedSync(db)) {
        return answered({
          ok: false,
          code: 'QUOTA_EXHAUSTED',
          message: 'The monthly push quota is used up (LINE answered 429): the message stays held and goes out free when the customer writes again',
        });
      }
      const retryKey = row.retry_key ?? input.newRetryKey;
      touch(
        `UPDATE outbound_messages SET delivery = 'sending', reason = NULL, push_consent = 1, retry_key = ?, updated_at = ? WHERE message_id = ?`,
        retryKey,
      );
      recordMutationSync(db, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer: null });
      const appended = appendEventsSync(db, [deliveryEvent(row, 'sending', null, input.now)]);
      const item = {
        messageId: row.message_id,
        mutationId: row.mutation_id,
        conversationId: row.conversation_id,
        text: row.text,
        ...itemExtrasOfRow(row),
        retryKey,
        friendId: friendIdSync(db, row.conversation_id),
      };
      return { result: { kind: 'push', item }, appended };
    }
  }
}

/** Records how a push ended (and the relay-wide quota block after a 429), answering the waiting mutation. */
export function settlePushSync(db: Database.Database, input: SettlePushInput): RelayEvent[] {
  const { item } = input;
  db.prepare(
    `UPDATE outbound_messages SET delivery = ?, reason = ?, push_attempts = push_attempts + ?, updated_at = ? WHERE message_id = ?`,
  ).run(input.delivery, input.reason, input.attempts, input.now, item.messageId);
  if (input.completesMutation) {
    completeSendMutationSync(db, { mutationId: input.completesMutation, messageId: item.messageId, delivery: input.delivery, reason: input.reason, now: input.now });
  }
  const event: NewRelayEvent = {
    type: 'delivery.updated',
    conversationId: item.conversationId,
    occurredAt: input.now,
    payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: input.delivery, reason: input.reason },
  };
  const appended = appendEventsSync(db, [event]);
  return input.blockQuota ? [...appended, ...blockQuotaSync(db, input.plan, input.now)] : appended;
}
