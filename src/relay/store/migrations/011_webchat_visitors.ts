import type { Migration } from '../migrate';

/**
 * Schema version 11: the shop's web chat visitors and the customers they write as.
 * - webchat_customers: one row per web chat conversation (its customer id is the conversation key's
 *   customerId, random, never derived from a visitor id, which is a bearer secret). `shop_user_id` is the shop's
 *   own id of a signed-in customer (setUser with a valid hash), unique, so one customer on two devices is one
 *   conversation; null for an anonymous visitor's own customer. `read_up_to_seq`: the event seq up to which the
 *   visitor has seen the conversation (their unread dot).
 * - webchat_visitors: a browser's anonymous visitor id → its own (anonymous) customer, created when the visitor
 *   first writes. Signing in links one socket to the shop's customer; it does not rewrite this row, so a visitor
 *   id left in a shared browser never reads a signed-in customer's conversation.
 */
export const migration011WebchatVisitors: Migration = {
  version: 11,
  name: 'webchat_visitors',
  up: `
    CREATE TABLE webchat_customers (
      customer_id TEXT PRIMARY KEY,
      shop_user_id TEXT UNIQUE,
      display_name TEXT NOT NULL,
      email TEXT,
      read_up_to_seq INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE webchat_visitors (
      visitor_id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL UNIQUE REFERENCES webchat_customers (customer_id),
      created_at INTEGER NOT NULL
    );
  `,
};
