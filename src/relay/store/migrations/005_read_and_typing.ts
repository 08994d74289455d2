import type { Migration } from '../migrate';

/**
 * Schema version 5: LINE's read receipts and typing indicator. Both live in the shared database, not in
 * memory, so two relay processes never mark the same message read twice or show the indicator twice
 * within the throttle interval.
 */
export const migration005ReadAndTyping: Migration = {
  version: 5,
  name: 'read-and-typing',
  up: `
    -- The newest markAsReadToken per conversation (from message webhooks). Marking as read covers that
    -- message and everything before it, so only the newest matters; used_at makes each token single-use.
    CREATE TABLE mark_as_read_tokens (
      conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
      token TEXT NOT NULL,
      message_timestamp INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      used_at INTEGER
    );

    -- When the relay last asked LINE to show the typing (loading) indicator in a conversation.
    CREATE TABLE loading_indicators (
      conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
      started_at INTEGER NOT NULL
    );
  `,
};
