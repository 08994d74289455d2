import type Database from 'better-sqlite3';
import type { CartTotals } from '../../shared/orders/cart-schema';
import { renderPaymentReminder } from '../../shared/orders/order-messages';
import type { NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { PushItem, QueuedReminders, QueueRemindersInput } from './relay-store';
import { currentShopSettingsSync } from './sqlite-catalog';
import { appendEventsSync } from './sqlite-event-log';
import { createOutboundMessageSync } from './sqlite-outbound';

/** The author shown on reminder messages (clients label them from `kind: 'payment_reminder'`). */
export const REMINDER_AGENT_NAME = '付款提醒';

/** At most this many reminders per transaction; the sweep runs again soon for the rest. */
export const SWEEP_BATCH = 200;

export interface DueRow {
  order_id: string;
  idx: number;
  order_no: string;
  conversation_id: string;
  totals_json: string;
  status: string;
}

/** The id that stands for the reminder on its message events (there is no client mutation behind it). */
export function reminderMutationId(orderId: string, index: number): string {
  return `reminder:${orderId}:${index}`;
}

/**
 * Claims every due pending reminder of an unpaid order (state pending → queued, guarded in the UPDATE so
 * two relay processes never queue one twice) and creates it as a payment_reminder message: HELD — it waits
 * for the agent's next reply or the customer's next message and never takes a fresh token itself — or, with
 * the shop's standing consent (reminders.whenNoFreeReply = 'push') or a push rule, a counted push.
 */
export function queueDueRemindersSync(
  db: Database.Database,
  input: QueueRemindersInput,
): { result: QueuedReminders; appended: RelayEvent[] } {
  const due = db
    .prepare(
      `SELECT r.order_id, r.idx, o.order_no, o.conversation_id, o.totals_json, o.status
       FROM order_reminders r JOIN orders o ON o.order_id = r.order_id
       WHERE r.state = 'pending' AND r.due_at <= ? ORDER BY r.due_at, r.order_id, r.idx LIMIT ?`,
    )
    .all(input.now, SWEEP_BATCH) as DueRow[];
  if (due.length === 0) return { result: { queued: 0, pushes: [] }, appended: [] };
  const settings = currentShopSettingsSync(db);
  const skip = db.prepare(`UPDATE order_reminders SET state = 'skipped' WHERE order_id = ? AND idx = ? AND state = 'pending'`);
  const claim = db.prepare(`UPDATE order_reminders SET state = 'queued', message_id = ? WHERE order_id = ? AND idx = ? AND state = 'pending'`);
  const events: NewRelayEvent[] = [];
  const pushes: PushItem[] = [];
  let queued = 0;
  for (const row of due) {
    // Status changes skip pending reminders in their own transaction; this is only a safety net.
    if (row.status !== 'awaiting_payment') {
      skip.run(row.order_id, row.idx);
      continue;
    }
    const messageId = `msg_${input.newId()}`;
    if (claim.run(messageId, row.order_id, row.idx).changes !== 1) continue;
    const totals = JSON.parse(row.totals_json) as CartTotals;
    const created = createOutboundMessageSync(db, {
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
    events.push(
      {
        type: 'order.reminderQueued',
        conversationId: row.conversation_id,
        occurredAt: input.now,
        payload: { orderId: row.order_id, orderNo: row.order_no, index: row.idx, messageId },
      },
      ...created.events,
    );
    if (created.outcome.kind === 'push') pushes.push(created.outcome.item);
    queued += 1;
  }
  return { result: { queued, pushes }, appended: appendEventsSync(db, events) };
}

/** A read without the write lock: the periodic sweep costs nothing while no reminder is due. */
export function hasDueRemindersSync(db: Database.Database, now: number): boolean {
  return db.prepare(`SELECT 1 FROM order_reminders WHERE state = 'pending' AND due_at <= ? LIMIT 1`).get(now) !== undefined;
}
