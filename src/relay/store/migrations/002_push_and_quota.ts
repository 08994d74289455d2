import type { Migration } from '../migrate';

/**
 * Schema version 2: counted pushes and the monthly quota.
 * - outbound_messages gains the agent's push consent, the X-Line-Retry-Key (stored BEFORE the first push
 *   attempt so every retry reuses it), the item kind (shop rules), and the `cancelled` state. SQLite cannot
 *   change a CHECK constraint in place, so the table is rebuilt with its rows copied.
 * - quota_state keeps LINE's last reported quota and the relay-wide "pushes blocked" flag in the database,
 *   so every relay process sharing the store stops pushing after one of them got 429.
 */
export const migration002PushAndQuota: Migration = {
  version: 2,
  name: 'push_and_quota',
  up: `
    CREATE TABLE outbound_messages_v2 (
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
      kind TEXT NOT NULL DEFAULT 'agent_reply' CHECK (kind IN ('agent_reply', 'payment_reminder')),
      push_consent INTEGER NOT NULL DEFAULT 0 CHECK (push_consent IN (0, 1)),
      retry_key TEXT,
      push_attempts INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO outbound_messages_v2
      (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at)
      SELECT message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at
      FROM outbound_messages;
    DROP TABLE outbound_messages;
    ALTER TABLE outbound_messages_v2 RENAME TO outbound_messages;
    CREATE INDEX outbound_messages_held ON outbound_messages (conversation_id, created_at) WHERE delivery = 'held';

    -- One row (id = 1): LINE's last reported quota and whether pushes are stopped after a 429.
    CREATE TABLE quota_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      quota_type TEXT CHECK (quota_type IN ('none', 'limited')),
      quota_limit INTEGER,
      used INTEGER,
      polled_at INTEGER,
      blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
      blocked_at INTEGER,
      -- The payload of the last quota.updated event, so an unchanged poll appends nothing.
      last_event_json TEXT
    );
    INSERT INTO quota_state (id) VALUES (1);
  `,
};
