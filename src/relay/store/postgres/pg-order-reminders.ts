import type pg from 'pg';
import type { CartTotals } from '../../../shared/orders/cart-schema';
import { renderPaymentReminder } from '../../../shared/orders/order-messages';
import type { PushItem, QueuedReminders, QueueRemindersInput } from '../relay-store';
import { REMINDER_AGENT_NAME, reminderMutationId, SWEEP_BATCH, type DueRow } from '../sqlite-order-reminders';
import { currentShopSettings } from './pg-catalog';
import { createOutboundMessage } from './pg-outbound';
import { query } from './pg-query';
import { LOCKS, type PgTx } from './pg-transaction';

const DUE_SQL = `SELECT r.order_id, r.idx, o.order_no, o.conversation_id, o.totals_json, o.status
  FROM order_reminders r JOIN orders o ON o.order_id = r.order_id
  WHERE r.state = 'pending' AND r.due_at <= $1 ORDER BY r.due_at, r.order_id, r.idx LIMIT $2`;

/**
 * PostgreSQL twin of sqlite-order-reminders.ts queueDueRemindersSync. The due reminders' conversations are locked
 * (in one fixed order) before anything is decided, and each reminder is claimed by its conditional UPDATE, so two
 * relays sweeping at once queue every reminder once.
 */
export async function queueDueReminders(tx: PgTx, input: QueueRemindersInput): Promise<QueuedReminders> {
  const candidates = await tx.rows<DueRow>(DUE_SQL, [input.now, SWEEP_BATCH]);
  if (candidates.length === 0) return { queued: 0, pushes: [] };
  await tx.lock(...candidates.map((row) => LOCKS.conversation(row.conversation_id)));
  // Read again under the locks: another sweep may have queued some meanwhile.
  const due = await tx.rows<DueRow>(DUE_SQL, [input.now, SWEEP_BATCH]);
  const settings = await currentShopSettings(tx);
  const pushes: PushItem[] = [];
  let queued = 0;
  for (const row of due) {
    if (row.status !== 'awaiting_payment') {
      await tx.run(`UPDATE order_reminders SET state = 'skipped' WHERE order_id = $1 AND idx = $2 AND state = 'pending'`, [row.order_id, row.idx]);
      continue;
    }
    const messageId = `msg_${input.newId()}`;
    const claimed = await tx.run(`UPDATE order_reminders SET state = 'queued', message_id = $1 WHERE order_id = $2 AND idx = $3 AND state = 'pending'`, [
      messageId,
      row.order_id,
      row.idx,
    ]);
    if (claimed !== 1) continue;
    const totals = JSON.parse(row.totals_json) as CartTotals;
    const created = await createOutboundMessage(tx, {
      messageId,
      mutationId: reminderMutationId(row.order_id, row.idx),
      conversationId: row.conversation_id,
      text: renderPaymentReminder({ orderNo: row.order_no, totals }, settings.payment.linkTemplate, row.idx),
      agentName: REMINDER_AGENT_NAME,
      now: input.now,
      kind: 'payment_reminder',
      orderId: row.order_id,
      pushConsent: settings.reminders.whenNoFreeReply === 'push',
      newRetryKey: input.newId(),
      rules: input.rules,
      mayUseFreshToken: false,
    });
    tx.emit([
      {
        type: 'order.reminderQueued',
        conversationId: row.conversation_id,
        occurredAt: input.now,
        payload: { orderId: row.order_id, orderNo: row.order_no, index: row.idx, messageId },
      },
      ...created.events,
    ]);
    if (created.outcome.kind === 'push') pushes.push(created.outcome.item);
    queued += 1;
  }
  return { queued, pushes };
}

/** A read outside any transaction: the periodic sweep costs one query while no reminder is due. */
export async function hasDueReminders(pool: pg.Pool, now: number): Promise<boolean> {
  return (await query(pool, `SELECT 1 FROM order_reminders WHERE state = 'pending' AND due_at <= $1 LIMIT 1`, [now])).rowCount !== 0;
}
