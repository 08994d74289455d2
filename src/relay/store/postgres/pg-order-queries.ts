import type { Cart, CartTotals } from '../../../shared/orders/cart-schema';
import type { DeliveryState, MutationAck } from '../../../shared/protocol';
import { orderCreateAnswer } from '../../orders/order-answer';
import type { OrderMessageState, OrderRecord } from '../relay-store';
import type { OrderRow } from '../sqlite-order-queries';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-order-queries.ts: an order with its summary's and reminders' delivery states. */
async function rowToOrder(tx: PgTx, row: OrderRow): Promise<OrderRecord> {
  const reminders = await tx.rows<{ idx: number; due_at: number; state: 'pending' | 'queued' | 'skipped'; message_id: string | null }>(
    'SELECT idx, due_at, state, message_id FROM order_reminders WHERE order_id = $1 ORDER BY idx',
    [row.order_id],
  );
  const messageIds = [row.summary_message_id, ...reminders.map((reminder) => reminder.message_id)].filter((id): id is string => id !== null);
  const states = new Map(
    (
      await tx.rows<{ message_id: string; delivery: DeliveryState; reason: string | null }>(
        'SELECT message_id, delivery, reason FROM outbound_messages WHERE message_id = ANY($1::text[])',
        [messageIds],
      )
    ).map((message): [string, OrderMessageState] => [message.message_id, { messageId: message.message_id, delivery: message.delivery, reason: message.reason }]),
  );
  const stateOf = (messageId: string | null) => (messageId === null ? null : (states.get(messageId) ?? null));
  return {
    orderId: row.order_id,
    orderNo: row.order_no,
    conversationId: row.conversation_id,
    friendId: row.friend_id,
    cart: JSON.parse(row.cart_json) as Cart,
    totals: JSON.parse(row.totals_json) as CartTotals,
    status: row.status,
    agentName: row.agent_name,
    clientTime: row.client_time,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    summary: stateOf(row.summary_message_id),
    reminders: reminders.map((reminder) => ({ index: reminder.idx, dueAt: reminder.due_at, state: reminder.state, message: stateOf(reminder.message_id) })),
  };
}

export async function getOrder(tx: PgTx, orderId: string): Promise<OrderRecord | null> {
  const row = await tx.row<OrderRow>('SELECT * FROM orders WHERE order_id = $1', [orderId]);
  return row ? rowToOrder(tx, row) : null;
}

export async function getOrderByNumber(tx: PgTx, orderNo: string): Promise<OrderRecord | null> {
  const row = await tx.row<OrderRow>('SELECT * FROM orders WHERE order_no = $1', [orderNo]);
  return row ? rowToOrder(tx, row) : null;
}

/** See sqlite-order-queries.ts orderSummaryAnswerSync. */
export async function orderSummaryAnswer(tx: PgTx, mutationId: string, messageId: string): Promise<MutationAck | null> {
  const row = await tx.row<{ kind: string; order_id: string | null; mutation_id: string }>(
    'SELECT kind, order_id, mutation_id FROM outbound_messages WHERE message_id = $1',
    [messageId],
  );
  if (!row || row.kind !== 'order_summary' || row.order_id === null || row.mutation_id !== mutationId) return null;
  const order = await getOrder(tx, row.order_id);
  return order ? orderCreateAnswer(order) : null;
}
