import type { Migration } from '../migrate';

/**
 * Schema version 1: the event log and everything that decides delivery.
 * Delivery state lives here (not in memory) so two relay processes sharing the file stay correct.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE relay_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- The source of truth clients sync from; seq is the cursor.
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      type TEXT NOT NULL,
      conversation_id TEXT,
      occurred_at INTEGER NOT NULL,
      payload TEXT NOT NULL
    );
    CREATE INDEX events_conversation ON events (conversation_id, seq);

    -- LINE redelivers webhooks; the id makes a second delivery a no-op.
    CREATE TABLE line_webhook_events (
      webhook_event_id TEXT PRIMARY KEY,
      event_type TEXT NOT NULL,
      received_at INTEGER NOT NULL
    );

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      friend_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      picture_url TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- Single-use; only a conversation's newest token is ever claimed (UPDATE ... WHERE used_at IS NULL).
    CREATE TABLE reply_tokens (
      token TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      received_at INTEGER NOT NULL,
      used_at INTEGER
    );
    CREATE INDEX reply_tokens_newest ON reply_tokens (conversation_id, received_at);

    -- Agent replies and their delivery state; 'held' rows wait for the customer's next message.
    CREATE TABLE outbound_messages (
      message_id TEXT PRIMARY KEY,
      mutation_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      text TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery IN ('sending', 'sent_free', 'held', 'sent_push', 'failed')),
      reason TEXT,
      reply_token TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX outbound_messages_held ON outbound_messages (conversation_id, created_at) WHERE delivery = 'held';

    -- One row per mutation id: a repeat returns answer_json without a second effect.
    CREATE TABLE mutations (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
      answer_json TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- Only the SHA-256 of a token is kept; the token itself is shown once at creation.
    CREATE TABLE agent_tokens (
      token_hash TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE INDEX agent_tokens_name ON agent_tokens (name);

    CREATE TABLE line_profiles (
      user_id TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      picture_url TEXT,
      status_message TEXT,
      language TEXT,
      fetched_at INTEGER NOT NULL
    );
  `,
};
