import type { Migration } from '../migrate';

/**
 * Schema version 1 of the local store: what the agent sees (conversations, messages), the sync position
 * (meta) and the replies not yet acknowledged by the relay (outbox).
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    -- Sync position and session facts: cursor, relayId, serverTimeOffset, open conversation, agent name…
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- last_message_at is the conversation's latest activity (creation time until its first message), never
    -- NULL, so inbox keyset paging has a total order. reply_window_opened_at is on the RELAY clock.
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      friend_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      picture_url TEXT,
      last_message_at INTEGER NOT NULL,
      last_message_preview TEXT NOT NULL DEFAULT '',
      last_message_direction TEXT CHECK (last_message_direction IN ('in', 'out')),
      unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
      reply_window_opened_at INTEGER
    );
    CREATE INDEX conversations_inbox_order ON conversations (last_message_at DESC, id DESC);

    -- id: the relay's message id for received messages and replies from other agents; the mutation id for
    -- replies written here (server_id is filled in once the relay accepted them).
    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      server_id TEXT UNIQUE,
      conversation_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      author TEXT,
      delivery TEXT,
      delivery_reason TEXT,
      mutation_id TEXT UNIQUE
    );
    CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, id);

    -- Mutations not yet acknowledged by the relay; rows survive restarts and are retried with the same id.
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'failed')),
      last_error TEXT,
      next_attempt_at INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX outbox_by_state ON outbox (state, created_at);
  `,
};
