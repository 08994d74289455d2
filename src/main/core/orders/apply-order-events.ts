import type { RelayEventOf } from '../../../shared/protocol';
import { wantsPaymentReminders } from '../../../shared/orders/order-status';
import { storeCatalogIfNewer } from '../catalog/catalog-store';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem } from '../store/outbox';
import { statement } from '../store/statements';
import {
  getOrder,
  insertScheduledReminders,
  markReminderQueued,
  refreshOrderStatus,
  setRelayStatus,
  setSummaryMessage,
  skipScheduledReminders,
  upsertSyncedOrder,
} from './order-store';

export type OrderEvent = RelayEventOf<'catalog.updated' | 'order.created' | 'order.statusChanged' | 'order.reminderQueued'>;

function addOrderScopes(scopes: Set<string>, conversationId: string): void {
  scopes.add('orders');
  scopes.add(`orders:${conversationId}`);
  scopes.add(`conversation:${conversationId}`);
}

/**
 * Mirrors the relay's catalog and orders. Events are the truth: an order this app created is matched by
 * its id (= the order.create mutation id) and numbered; its outbox row goes too, even if the ack was lost.
 */
export function applyOrderEvent(db: LocalDatabase, event: OrderEvent, scopes: Set<string>): void {
  switch (event.type) {
    case 'catalog.updated': {
      const { version, catalog, updatedBy } = event.payload;
      if (storeCatalogIfNewer(db, { version, catalog, updatedBy, updatedAt: event.occurredAt })) scopes.add('catalog');
      return;
    }
    case 'order.created': {
      const { payload } = event;
      const local = getOrder(db, payload.orderId);
      upsertSyncedOrder(db, {
        orderId: payload.orderId,
        orderNo: payload.orderNo,
        conversationId: event.conversationId,
        friendId: payload.friendId,
        cart: payload.cart,
        totals: payload.totals,
        status: payload.status,
        createdAt: local?.created_at ?? payload.clientTime,
        createdBy: local?.created_by || payload.agentName,
        summaryMessageId: payload.summaryMessageId,
      });
      deleteOutboxItem(db, payload.orderId);
      insertScheduledReminders(db, payload.orderId, payload.reminderDueAt);
      if (payload.summaryMessageId) linkOrderMessage(db, payload.summaryMessageId, 'order_summary', payload.orderId);
      refreshOrderStatus(db, payload.orderId);
      break;
    }
    case 'order.statusChanged': {
      const { payload } = event;
      if (!getOrder(db, payload.orderId)) break; // its order.created was not applied here (cannot happen in one log)
      setRelayStatus(db, payload.orderId, { status: payload.status, at: event.occurredAt, source: payload.source });
      if (!wantsPaymentReminders(payload.status)) skipScheduledReminders(db, payload.orderId);
      refreshOrderStatus(db, payload.orderId);
      break;
    }
    case 'order.reminderQueued': {
      const { payload } = event;
      markReminderQueued(db, { orderId: payload.orderId, index: payload.index, messageId: payload.messageId, at: event.occurredAt });
      linkOrderMessage(db, payload.messageId, 'payment_reminder', payload.orderId);
      break;
    }
  }
  addOrderScopes(scopes, event.conversationId);
}

/**
 * message.sent of an order's summary or reminder: the message row learns what it is (the relay's events
 * for the order and for the message may come in either order, so both sides link). A summary names its
 * mutation: when that was this app's order.sendSummary, the relay has it, whatever the answer's fate.
 */
export function applyOrderMessage(db: LocalDatabase, event: RelayEventOf<'message.sent'>, scopes: Set<string>): void {
  const { kind, orderId, messageId } = event.payload;
  if (!kind || !orderId) return;
  linkOrderMessage(db, messageId, kind, orderId);
  if (kind === 'order_summary') deleteOutboxItem(db, event.payload.mutationId);
  addOrderScopes(scopes, event.conversationId);
}

/** A delivery change of an order's message also changes the order view. */
export function addScopesIfOrderMessage(db: LocalDatabase, serverId: string, conversationId: string, scopes: Set<string>): void {
  const row = statement(db, 'SELECT order_id FROM messages WHERE server_id = ?').get(serverId) as { order_id: string | null } | undefined;
  if (row?.order_id) addOrderScopes(scopes, conversationId);
}

function linkOrderMessage(db: LocalDatabase, serverId: string, purpose: 'order_summary' | 'payment_reminder', orderId: string): void {
  statement(db, 'UPDATE messages SET purpose = ?, order_id = ? WHERE server_id = ?').run(purpose, orderId, serverId);
  if (purpose === 'order_summary') setSummaryMessage(db, orderId, serverId);
}
