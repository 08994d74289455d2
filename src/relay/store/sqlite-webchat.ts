import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { conversationIdFor, WEBCHAT_ACCOUNT_ID } from '../../shared/channels/conversation-id';
import type { RelayEvent } from '../../shared/protocol';
import { rowToEvent, type EventRow } from './sqlite-event-log';
import { statement } from './statements';
import { createSqliteVisitorUploadStore } from './sqlite-webchat-uploads';
import type { WebchatCustomer, WebchatStore } from './webchat-store-types';

export interface CustomerRow {
  customer_id: string;
  shop_user_id: string | null;
  display_name: string;
}

/** 96 random bits: unguessable, and says nothing about the visitor id or the shop's user id. */
export const newCustomerId = (prefix: 'v' | 'u') => `${prefix}_${randomBytes(12).toString('base64url')}`;

export function toCustomer(row: CustomerRow): WebchatCustomer {
  return {
    customerId: row.customer_id,
    conversationId: conversationIdFor({ channel: 'webchat', accountId: WEBCHAT_ACCOUNT_ID, customerId: row.customer_id }),
    displayName: row.display_name,
    shopUserId: row.shop_user_id,
  };
}

export function findVisitorCustomerSync(db: Database.Database, visitorId: string): WebchatCustomer | null {
  const row = statement(
    db,
    `SELECT c.customer_id, c.shop_user_id, c.display_name FROM webchat_visitors v
       JOIN webchat_customers c ON c.customer_id = v.customer_id WHERE v.visitor_id = ?`,
  ).get(visitorId) as CustomerRow | undefined;
  return row ? toCustomer(row) : null;
}

export function ensureVisitorCustomerSync(db: Database.Database, visitorId: string, now: number): WebchatCustomer {
  const existing = findVisitorCustomerSync(db, visitorId);
  if (existing) return existing;
  const customerId = newCustomerId('v');
  // Agents tell anonymous visitors apart by the end of their (random) customer id.
  const displayName = `網站訪客 ${customerId.slice(-4)}`;
  statement(db, 'INSERT INTO webchat_customers (customer_id, shop_user_id, display_name, email, created_at, updated_at) VALUES (?, NULL, ?, NULL, ?, ?)').run(
    customerId,
    displayName,
    now,
    now,
  );
  statement(db, 'INSERT INTO webchat_visitors (visitor_id, customer_id, created_at) VALUES (?, ?, ?)').run(visitorId, customerId, now);
  return toCustomer({ customer_id: customerId, shop_user_id: null, display_name: displayName });
}

export function ensureIdentifiedCustomerSync(
  db: Database.Database,
  input: { shopUserId: string; name: string; email: string | null; now: number },
): WebchatCustomer {
  const row = statement(db, 'SELECT customer_id, shop_user_id, display_name FROM webchat_customers WHERE shop_user_id = ?').get(input.shopUserId) as
    | CustomerRow
    | undefined;
  if (row) {
    statement(db, 'UPDATE webchat_customers SET display_name = ?, email = ?, updated_at = ? WHERE customer_id = ?').run(
      input.name,
      input.email,
      input.now,
      row.customer_id,
    );
    return toCustomer({ ...row, display_name: input.name });
  }
  const customerId = newCustomerId('u');
  statement(db, 'INSERT INTO webchat_customers (customer_id, shop_user_id, display_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    customerId,
    input.shopUserId,
    input.name,
    input.email,
    input.now,
    input.now,
  );
  return toCustomer({ customer_id: customerId, shop_user_id: input.shopUserId, display_name: input.name });
}

/** The event types a visitor's view is folded from (src/relay/channels/webchat/visitor-messages.ts). */
export const VISITOR_VIEW_TYPES = `('message.received', 'message.sent', 'message.edited', 'delivery.updated')`;

export function conversationMessageEventsSync(db: Database.Database, conversationId: string, limit: number): RelayEvent[] {
  const rows = statement(
    db,
    `SELECT seq, type, conversation_id, occurred_at, payload FROM (
       SELECT seq, type, conversation_id, occurred_at, payload FROM events
        WHERE conversation_id = ? AND type IN ${VISITOR_VIEW_TYPES} ORDER BY seq DESC LIMIT ?
     ) ORDER BY seq`,
  ).all(conversationId, limit) as EventRow[];
  return rows.map(rowToEvent);
}

export function readPositionSync(db: Database.Database, customerId: string): number {
  const row = statement(db, 'SELECT read_up_to_seq FROM webchat_customers WHERE customer_id = ?').get(customerId) as { read_up_to_seq: number } | undefined;
  return row?.read_up_to_seq ?? 0;
}

export function markReadSync(db: Database.Database, customerId: string, upToSeq: number, now: number): void {
  statement(db, 'UPDATE webchat_customers SET read_up_to_seq = ?, updated_at = ? WHERE customer_id = ? AND read_up_to_seq < ?').run(
    upToSeq,
    now,
    customerId,
    upToSeq,
  );
}

/** The web chat tables of the relay's SQLite file; every write is one IMMEDIATE transaction. */
export function createSqliteWebchatStore(db: Database.Database): WebchatStore {
  const write = <T>(work: () => T): Promise<T> => Promise.resolve().then(() => db.transaction(work).immediate());
  const read = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);
  return {
    // Visitors' photos and files (sqlite-webchat-uploads.ts).
    ...createSqliteVisitorUploadStore(db),
    findVisitorCustomer: (visitorId) => read(() => findVisitorCustomerSync(db, visitorId)),
    ensureVisitorCustomer: (visitorId, now) => write(() => ensureVisitorCustomerSync(db, visitorId, now)),
    ensureIdentifiedCustomer: (input) => write(() => ensureIdentifiedCustomerSync(db, input)),
    conversationMessageEvents: (conversationId, limit) => read(() => conversationMessageEventsSync(db, conversationId, limit)),
    readPosition: (customerId) => read(() => readPositionSync(db, customerId)),
    markRead: (customerId, upToSeq, now) => write(() => markReadSync(db, customerId, upToSeq, now)),
  };
}
