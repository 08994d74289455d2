import type pg from 'pg';
import type { NewRelayEvent } from '../../../shared/protocol';
import { reasonFor, type StuckRow } from '../sqlite-unconfirmed-sends';
import { query } from './pg-query';
import { completeSendMutation } from './pg-replies';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-unconfirmed-sends.ts: replies `sending` since before `staleBefore` belong to a relay
 * that died during the platform call; they become `failed`. Each row is claimed by its conditional UPDATE
 * (RETURNING), so two relays sweeping at once fail each reply once.
 */
export async function failUnconfirmedSends(tx: PgTx, input: { staleBefore: number; now: number; reason: string }): Promise<void> {
  const stuck = await tx.rows<StuckRow>(
    `SELECT o.message_id, o.mutation_id, o.conversation_id, c.channel FROM outbound_messages o
     JOIN conversations c ON c.id = o.conversation_id
     WHERE o.delivery = 'sending' AND o.updated_at < $1 ORDER BY o.updated_at, o.row_no`,
    [input.staleBefore],
  );
  const events: NewRelayEvent[] = [];
  for (const row of stuck) {
    const reason = reasonFor(row.channel, input.reason);
    const failed = await tx.run(
      `UPDATE outbound_messages SET delivery = 'failed', reason = $1, updated_at = $2 WHERE message_id = $3 AND delivery = 'sending' AND updated_at < $4`,
      [reason, input.now, row.message_id, input.staleBefore],
    );
    if (failed === 0) continue;
    await completeSendMutation(tx, { mutationId: row.mutation_id, messageId: row.message_id, delivery: 'failed', reason, now: input.now });
    events.push({
      type: 'delivery.updated',
      conversationId: row.conversation_id,
      occurredAt: input.now,
      payload: { messageId: row.message_id, mutationId: row.mutation_id, delivery: 'failed', reason },
    });
  }
  tx.emit(events);
}

/** A read outside any transaction, so the periodic sweep costs one query when there is nothing to do. */
export async function hasUnconfirmedSends(pool: pg.Pool, staleBefore: number): Promise<boolean> {
  return (await query(pool, `SELECT 1 FROM outbound_messages WHERE delivery = 'sending' AND updated_at < $1 LIMIT 1`, [staleBefore])).rowCount !== 0;
}
