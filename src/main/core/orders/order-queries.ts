import type { OrderReminderView, OrderView } from '../../../shared/ipc/order-contract';
import type { MessageDelivery } from '../../../shared/ipc/views';
import { cartSchema, cartTotalsSchema, orderStatusSchema, type OrderStatus } from '../../../shared/orders/cart-schema';
import type { LocalDatabase } from '../store/database';
import { statement } from '../store/statements';
import { summarySendPending, type OrderRow } from './order-store';

type ViewRow = OrderRow & {
  display_name: string | null;
  summary_delivery: MessageDelivery | null;
  summary_reason: string | null;
};

interface ReminderRow {
  idx: number;
  due_at: number;
  message_id: string | null;
  state: 'scheduled' | 'queued' | 'skipped';
  delivery: MessageDelivery | null;
  delivery_reason: string | null;
}

const VIEW_SELECT = `
  SELECT o.*, c.display_name, m.delivery AS summary_delivery, m.delivery_reason AS summary_reason
  FROM orders o
  LEFT JOIN conversations c ON c.id = o.conversation_id
  LEFT JOIN messages m ON m.server_id = o.summary_message_id`;

function remindersOf(db: LocalDatabase, orderId: string, status: OrderStatus): OrderReminderView[] {
  const rows = statement(
    db,
    `SELECT r.idx, r.due_at, r.message_id, r.state, m.delivery, m.delivery_reason
     FROM order_reminders r LEFT JOIN messages m ON m.server_id = r.message_id
     WHERE r.order_id = ? ORDER BY r.idx`,
  ).all(orderId) as ReminderRow[];
  return rows.map((row) => ({
    index: row.idx,
    dueAt: row.due_at,
    messageId: row.message_id,
    delivery: row.delivery,
    deliveryReason: row.delivery_reason,
    // Held reminders are withdrawn by the relay when the order is paid or cancelled: skipped too.
    skipped: row.state === 'skipped' || (row.delivery === 'cancelled' && status !== 'awaiting_payment'),
  }));
}

function toOrderView(db: LocalDatabase, row: ViewRow): OrderView {
  return {
    orderId: row.order_id,
    orderNo: row.order_no,
    conversationId: row.conversation_id,
    friendId: row.friend_id,
    customerName: row.display_name ?? row.friend_id,
    cart: cartSchema.parse(JSON.parse(row.cart_json)),
    totals: cartTotalsSchema.parse(JSON.parse(row.totals_json)),
    status: row.status,
    sync: row.sync,
    // A refused order says why; otherwise a refused status change does (the order shows the relay's status).
    syncError: row.sync_error ?? row.status_error,
    createdAt: row.created_at,
    createdBy: row.created_by,
    summary: row.summary_message_id
      ? { messageId: row.summary_message_id, delivery: row.summary_delivery, deliveryReason: row.summary_reason }
      : null,
    summaryQueued: summarySendPending(db, row.order_id),
    reminders: remindersOf(db, row.order_id, row.status),
    statusChangedAt: row.status_changed_at,
    statusSource: row.status_source,
  };
}

export function getOrderView(db: LocalDatabase, orderId: string): OrderView | null {
  const row = statement(db, `${VIEW_SELECT} WHERE o.order_id = ?`).get(orderId) as ViewRow | undefined;
  return row ? toOrderView(db, row) : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Newest first, filtered by conversation, status and a text query on order number or customer name. */
export function listOrderViews(
  db: LocalDatabase,
  filter: { conversationId?: string | undefined; status?: OrderStatus | undefined; query?: string | undefined; limit: number },
): OrderView[] {
  const conditions: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit };
  if (filter.conversationId !== undefined) {
    conditions.push('o.conversation_id = @conversationId');
    params.conversationId = filter.conversationId;
  }
  if (filter.status !== undefined) {
    conditions.push('o.status = @status');
    params.status = filter.status;
  }
  const query = filter.query?.trim() ?? '';
  if (query !== '') {
    conditions.push(`(o.order_no LIKE @like ESCAPE '\\' OR c.display_name LIKE @like ESCAPE '\\')`);
    params.like = `%${escapeLike(query)}%`;
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = db.prepare(`${VIEW_SELECT} ${where} ORDER BY o.created_at DESC, o.order_id DESC LIMIT @limit`).all(params) as ViewRow[];
  return rows.map((row) => toOrderView(db, row));
}

/** Orders per status in the whole shop, every status present (0 when none). */
export function orderCountsByStatus(db: LocalDatabase): Record<OrderStatus, number> {
  const counts = Object.fromEntries(orderStatusSchema.options.map((status) => [status, 0])) as Record<OrderStatus, number>;
  const rows = statement(db, 'SELECT status, COUNT(*) AS n FROM orders GROUP BY status').all() as { status: OrderStatus; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
