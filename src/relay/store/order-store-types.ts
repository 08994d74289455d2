import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { ShopPushRule } from '../../shared/delivery/policy';
import type { Cart, CartTotals, OrderStatus } from '../../shared/orders/cart-schema';
import type { DeliveryState, OrderCreatePayload } from '../../shared/protocol';
import type { BeginReplySendResult, PushItem } from './relay-store';

/** Inputs and results of the RelayStore's quick-cart operations (catalog, orders, reminders, payments). */
export interface StoredCatalog {
  version: number;
  catalog: Catalog;
  updatedBy: string;
  updatedAt: number;
}

export interface SaveCatalogInput {
  /** The catalog.save mutation id (null for seeding by a launcher). */
  mutationId: string | null;
  catalog: Catalog;
  baseVersion: number;
  agentName: string;
  now: number;
}

export interface BeginOrderCreateInput {
  mutationId: string;
  payload: OrderCreatePayload;
  /** The summary message's id (used only when payload.sendSummary). */
  summaryMessageId: string;
  agentName: string;
  now: number;
  newRetryKey: string;
  rules: readonly ShopPushRule[];
}

export interface BeginOrderSendSummaryInput {
  /** The order.sendSummary mutation id (also the summary message's mutation id). */
  mutationId: string;
  orderId: string;
  /** The agent's consent to push the summary when no free reply is possible. */
  push: boolean;
  /** The new summary message's id. */
  messageId: string;
  agentName: string;
  now: number;
  newRetryKey: string;
  rules: readonly ShopPushRule[];
}

/** Same steps as a reply: answered in the transaction, or a batch to send / an item to push, then settle. */
export type BeginOrderCreateResult = BeginReplySendResult;

export interface SetOrderStatusInput {
  mutationId: string;
  orderId: string;
  status: 'paid' | 'shipped' | 'cancelled';
  agentName: string;
  now: number;
}

export interface QueueRemindersInput {
  now: number;
  /** Shop push rules (e.g. payment reminders may push after 24 h). */
  rules: readonly ShopPushRule[];
  /** Fresh ids for reminder messages and retry keys. */
  newId: () => string;
}

export interface QueuedReminders {
  queued: number;
  /** Reminders the shop's standing consent sends as counted pushes (retry keys stored). */
  pushes: PushItem[];
}

export interface PaymentNotificationInput {
  transactionId: string;
  orderNo: string;
  /** null: the provider did not say; the order's total is recorded and not checked. */
  amount: number | null;
  /** The exact body the provider signed, kept for audits. */
  rawBody: string;
  now: number;
}

export type PaymentNotificationResult =
  /** The order went from awaiting payment to paid. */
  | { kind: 'paid'; orderId: string; orderNo: string; status: OrderStatus }
  /** Stored, but the order was already paid or shipped: nothing else changed. */
  | { kind: 'recorded'; orderId: string; orderNo: string; status: OrderStatus }
  /** This transaction id was seen before: no second effect. */
  | { kind: 'duplicate'; orderId: string | null; orderNo: string; status: OrderStatus | null }
  | { kind: 'unknown_order' }
  | { kind: 'amount_mismatch'; expected: number }
  | { kind: 'cancelled' };

export interface OrderMessageState {
  messageId: string;
  delivery: DeliveryState;
  reason: string | null;
}

export interface OrderRecord {
  orderId: string;
  orderNo: string;
  conversationId: string;
  friendId: string;
  cart: Cart;
  totals: CartTotals;
  status: OrderStatus;
  agentName: string;
  clientTime: number;
  createdAt: number;
  statusChangedAt: number;
  summary: OrderMessageState | null;
  reminders: { index: number; dueAt: number; state: 'pending' | 'queued' | 'skipped'; message: OrderMessageState | null }[];
}
