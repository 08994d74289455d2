import type { Migration } from '../migrate';

/**
 * Schema version 9: reply tokens remember LINE's event timestamp.
 * - reply_tokens.event_timestamp: the webhook event's `timestamp` (LINE's clock). A token is valid about one
 *   minute from that moment, not from when the relay received it, so a redelivered or late event (old timestamp,
 *   received now) must neither count as fresh nor replace a token from a newer event. The conversation's newest
 *   token is the one with the latest event timestamp.
 * - Backfilled with received_at: for tokens stored so far the receive time is the best known event time.
 */
export const migration009ReplyTokenEventTime: Migration = {
  version: 9,
  name: 'reply_token_event_time',
  up: `
    ALTER TABLE reply_tokens ADD COLUMN event_timestamp INTEGER NOT NULL DEFAULT 0;
    UPDATE reply_tokens SET event_timestamp = received_at;
    CREATE INDEX reply_tokens_newest_event ON reply_tokens (conversation_id, event_timestamp);
  `,
};
