import type { Migration } from '../migrate';

/**
 * Schema version 5 of the local store: the quick cart. The shop's catalog (newest synced version only, like
 * the reply rules), orders with their sync state — an order created offline exists here before the relay
 * numbers it — their payment reminders, and which outgoing messages are an order's summary or reminder.
 */
export const migration005Orders: Migration = {
  version: 5,
  name: 'orders',
  up: `
    CREATE TABLE catalog (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      catalog_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- order_id = the id of its order.create mutation (generated here). order_no is NULL until the relay
    -- numbered it. status is what the agent sees: relay_status (from events) with this app's queued
    -- order.setStatus laid over it, so a refused change falls back to what the relay says.
    -- created_at is the agent's clock when the order was made (offline orders keep their time).
    CREATE TABLE orders (
      order_id TEXT PRIMARY KEY,
      order_no TEXT UNIQUE,
      conversation_id TEXT NOT NULL,
      friend_id TEXT NOT NULL,
      cart_json TEXT NOT NULL,
      totals_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'shipped', 'cancelled')),
      relay_status TEXT NOT NULL CHECK (relay_status IN ('awaiting_payment', 'paid', 'shipped', 'cancelled')),
      sync TEXT NOT NULL CHECK (sync IN ('queued', 'synced', 'rejected')),
      sync_error TEXT,
      status_error TEXT,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      status_changed_at INTEGER,
      status_source TEXT CHECK (status_source IN ('agent', 'payment')),
      summary_message_id TEXT
    );
    CREATE INDEX orders_by_conversation ON orders (conversation_id, created_at);
    CREATE INDEX orders_by_status ON orders (status, created_at);

    -- One row per reminder the relay scheduled (idx 0 = first). message_id: the relay's message id once
    -- queued. state: scheduled → queued, or skipped when the order was paid or cancelled first.
    CREATE TABLE order_reminders (
      order_id TEXT NOT NULL,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      due_at INTEGER NOT NULL,
      message_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('scheduled', 'queued', 'skipped')),
      PRIMARY KEY (order_id, idx)
    );

    ALTER TABLE messages ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reply'
      CHECK (purpose IN ('reply', 'order_summary', 'payment_reminder'));
    ALTER TABLE messages ADD COLUMN order_id TEXT;
    CREATE INDEX messages_by_order ON messages (order_id) WHERE order_id IS NOT NULL;
  `,
};
