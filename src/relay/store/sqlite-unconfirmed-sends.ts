import type Database from 'better-sqlite3';
import type { NewRelayEvent, RelayEvent } from '../../shared/protocol';
import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import { appendEventsSync } from './sqlite-event-log';
import { completeSendMutationSync } from './sqlite-replies';
import { statement } from './statements';

export interface StuckRow {
  message_id: string;
  mutation_id: string;
  conversation_id: string;
  channel: string;
}

/** Whose call it was decides how the agent is told (`reason` is LINE's; Meta has its own code). */
export function reasonFor(channel: string, lineReason: string): string {
  return channel === 'messenger' || channel === 'instagram' ? DELIVERY_REASON.metaUnconfirmed : lineReason;
}

/**
 * Replies still `sending` since before `staleBefore` belong to a relay that died during the platform call
 * (a live one settles every send within its timeout). The platform may or may not have delivered them, so
 * they become `failed` with `reason` — never retried, never pushed — and a reply mutation still waiting
 * for its answer gets that outcome as its stored answer. Runs in the caller's transaction.
 */
export function failUnconfirmedSendsSync(
  db: Database.Database,
  input: { staleBefore: number; now: number; reason: string },
): RelayEvent[] {
  const stuck = statement(
    db,
    `SELECT o.message_id, o.mutation_id, o.conversation_id, c.channel FROM outbound_messages o
     JOIN conversations c ON c.id = o.conversation_id
     WHERE o.delivery = 'sending' AND o.updated_at < ? ORDER BY o.updated_at, o.rowid`,
  ).all(input.staleBefore) as StuckRow[];
  if (stuck.length === 0) return [];
  const fail = statement(
    db,
    `UPDATE outbound_messages SET delivery = 'failed', reason = ?, updated_at = ? WHERE message_id = ? AND delivery = 'sending'`,
  );
  const events: NewRelayEvent[] = stuck.map((row) => {
    const reason = reasonFor(row.channel, input.reason);
    fail.run(reason, input.now, row.message_id);
    // A reply's (or order.create's) mutation still waiting for this outcome gets it as its answer.
    completeSendMutationSync(db, { mutationId: row.mutation_id, messageId: row.message_id, delivery: 'failed', reason, now: input.now });
    return {
      type: 'delivery.updated',
      conversationId: row.conversation_id,
      occurredAt: input.now,
      payload: { messageId: row.message_id, mutationId: row.mutation_id, delivery: 'failed', reason },
    };
  });
  return appendEventsSync(db, events);
}

/** A read without the write lock, so the periodic sweep costs nothing when there is nothing to do. */
export function hasUnconfirmedSendsSync(db: Database.Database, staleBefore: number): boolean {
  return statement(db, `SELECT 1 FROM outbound_messages WHERE delivery = 'sending' AND updated_at < ? LIMIT 1`).get(staleBefore) !== undefined;
}
