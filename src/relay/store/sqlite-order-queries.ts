import type Database from 'better-sqlite3';
import type { Cart, CartTotals, OrderStatus } from '../../shared/orders/cart-schema';
import type { DeliveryState, MutationAck } from '../../shared/protocol';
import { orderCreateAnswer } from '../orders/order-answer';
import type { OrderMessageState, OrderRecord } from './relay-store';

export interface OrderRow {
  order_id: string;
  order_no: string;
  conversation_id: string;
  friend_id: string;
  cart_json: string;
  totals_json: string;
  status: OrderStatus;
  agent_name: string;
  client_time: number;
  created_at: number;
  status_changed_at: number;
  summary_message_id: string | null;
}

function messageStateSync(db: Database.Database, messageId: string | null): OrderMessageState | null {
  if (messageId === null) return null;
  const row = db.prepare('SELECT delivery, reason FROM outbound_messages WHERE message_id = ?').get(messageId) as
    | { delivery: DeliveryState; reason: string | null }
    | undefined;
  return row ? { messageId, delivery: row.delivery, reason: row.reason } : null;
}

function rowToOrder(db: Database.Database, row: OrderRow): OrderRecord {
  const reminders = db
    .prepare('SELECT idx, due_at, state, message_id FROM order_reminders WHERE order_id = ? ORDER BY idx')
    .all(row.order_id) as { idx: number; due_at: number; state: 'pending' | 'queued' | 'skipped'; message_id: string | null }[];
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
    summary: messageStateSync(db, row.summary_message_id),
    reminders: reminders.map((reminder) => ({
      index: reminder.idx,
      dueAt: reminder.due_at,
      state: reminder.state,
      message: messageStateSync(db, reminder.message_id),
    })),
  };
}

export function getOrderSync(db: Database.Database, orderId: string): OrderRecord | null {
  const row = db.prepare('SELECT * FROM orders WHERE order_id = ?').get(orderId) as OrderRow | undefined;
  return row ? rowToOrder(db, row) : null;
}

export function getOrderByNumberSync(db: Database.Database, orderNo: string): OrderRecord | null {
  const row = db.prepare('SELECT * FROM orders WHERE order_no = ?').get(orderNo) as OrderRow | undefined;
  return row ? rowToOrder(db, row) : null;
}

/**
 * The answer of the order mutation that created `messageId` as an order's summary (order.create or
 * order.sendSummary: the order with its summary's outcome); null for any other message or mutation.
 */
export function orderSummaryAnswerSync(db: Database.Database, mutationId: string, messageId: string): MutationAck | null {
  const row = db.prepare('SELECT kind, order_id, mutation_id FROM outbound_messages WHERE message_id = ?').get(messageId) as
    | { kind: string; order_id: string | null; mutation_id: string }
    | undefined;
  if (!row || row.kind !== 'order_summary' || row.order_id === null || row.mutation_id !== mutationId) return null;
  const order = getOrderSync(db, row.order_id);
  return order ? orderCreateAnswer(order) : null;
}
