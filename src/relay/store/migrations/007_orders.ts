import type { Migration } from '../migrate';

/**
 * Schema version 7: quick-cart orders.
 * - catalog_versions: every saved version of the shop's catalog + settings document (like rules_versions).
 * - orders: one row per order; order_id is the order.create mutation id (idempotency), order_no the
 *   relay-assigned number, unique. order_counters hands out the per-day (Asia/Taipei) number.
 * - order_reminders: one row per scheduled payment reminder, PRIMARY KEY (order_id, idx) so a reminder
 *   can be queued once even when two relay processes sweep at the same moment.
 * - payment_notifications: the payment provider's signed notifications, keyed by transaction id
 *   (a replay is recognised and has no second effect).
 * - outbound_messages: `kind` learns 'order_summary' and rows get the `order_id` they belong to. SQLite
 *   cannot change a CHECK constraint in place, so the table is rebuilt with its rows (and indexes) kept.
 */
export const migration007Orders: Migration = {
  version: 7,
  name: 'orders',
  up: `
    CREATE TABLE outbound_messages_v7 (
      message_id TEXT PRIMARY KEY,
      mutation_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      text TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery IN ('sending', 'sent_free', 'held', 'sent_push', 'failed', 'cancelled')),
      reason TEXT,
      reply_token TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      kind TEXT NOT NULL DEFAULT 'agent_reply' CHECK (kind IN ('agent_reply', 'order_summary', 'payment_reminder')),
      push_consent INTEGER NOT NULL DEFAULT 0 CHECK (push_consent IN (0, 1)),
      retry_key TEXT,
      push_attempts INTEGER NOT NULL DEFAULT 0,
      order_id TEXT
    );
    INSERT INTO outbound_messages_v7
      (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at,
       kind, push_consent, retry_key, push_attempts)
      SELECT message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at,
             kind, push_consent, retry_key, push_attempts
      FROM outbound_messages;
    DROP TABLE outbound_messages;
    ALTER TABLE outbound_messages_v7 RENAME TO outbound_messages;
    CREATE INDEX outbound_messages_held ON outbound_messages (conversation_id, created_at) WHERE delivery = 'held';
    CREATE INDEX outbound_messages_sending ON outbound_messages (updated_at) WHERE delivery = 'sending';
    CREATE INDEX outbound_messages_order ON outbound_messages (order_id) WHERE order_id IS NOT NULL;

    CREATE TABLE catalog_versions (
      version INTEGER PRIMARY KEY,
      catalog_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE orders (
      order_id TEXT PRIMARY KEY,
      order_no TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      friend_id TEXT NOT NULL,
      cart_json TEXT NOT NULL,
      totals_json TEXT NOT NULL,
      total INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'shipped', 'cancelled')),
      agent_name TEXT NOT NULL,
      client_time INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      status_changed_at INTEGER NOT NULL,
      summary_message_id TEXT
    );
    CREATE INDEX orders_conversation ON orders (conversation_id, created_at);

    -- Per-day order numbers (day = yyMMdd on Taiwan time): last number handed out that day.
    CREATE TABLE order_counters (
      day TEXT PRIMARY KEY,
      last INTEGER NOT NULL
    );

    CREATE TABLE order_reminders (
      order_id TEXT NOT NULL REFERENCES orders (order_id),
      idx INTEGER NOT NULL,
      due_at INTEGER NOT NULL,
      message_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'queued', 'skipped')),
      PRIMARY KEY (order_id, idx)
    );
    -- The sweep's question: which pending reminders are due?
    CREATE INDEX order_reminders_due ON order_reminders (due_at) WHERE state = 'pending';

    CREATE TABLE payment_notifications (
      transaction_id TEXT PRIMARY KEY,
      order_no TEXT NOT NULL,
      amount INTEGER NOT NULL,
      raw_body TEXT NOT NULL,
      received_at INTEGER NOT NULL
    );
  `,
};
