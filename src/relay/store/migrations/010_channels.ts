import type { Migration } from '../migrate';

/**
 * Schema version 10: every channel in one store (ADR 0005).
 * - conversations.account_id: which account of its channel the conversation belongs to (Meta page / Instagram
 *   account id, `web` for web chat); LINE conversations keep '' (one LINE account per relay, ids unchanged).
 * - inbound_seen replaces line_webhook_events: channel-scoped dedupe keys (`line:<webhookEventId>`,
 *   `messenger:mid:<mid>`, `webchat:<visitorId>:<clientId>`); LINE's stored keys get their `line:` prefix.
 * - profiles replaces line_profiles, keyed by (channel, profile_key); `failed` caches a refused lookup.
 * - delivery_windows: the customer's last message time (platform clock) for channels whose window runs from it
 *   (Messenger, Instagram). LINE's window stays in reply_tokens, web chat has none.
 * - outbound_messages.platform_message_id: the platform's id of a sent message (Meta `message_id`), so its echo
 *   is recognised and not shown twice.
 */
export const migration010Channels: Migration = {
  version: 10,
  name: 'channels',
  up: `
    ALTER TABLE conversations ADD COLUMN account_id TEXT NOT NULL DEFAULT '';

    CREATE TABLE inbound_seen (
      dedupe_key TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      event_type TEXT NOT NULL,
      received_at INTEGER NOT NULL
    );
    INSERT INTO inbound_seen (dedupe_key, channel, event_type, received_at)
      SELECT 'line:' || webhook_event_id, 'line', event_type, received_at FROM line_webhook_events;
    DROP TABLE line_webhook_events;

    CREATE TABLE profiles (
      channel TEXT NOT NULL,
      profile_key TEXT NOT NULL,
      display_name TEXT NOT NULL,
      picture_url TEXT,
      status_message TEXT,
      language TEXT,
      fetched_at INTEGER NOT NULL,
      failed INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
      PRIMARY KEY (channel, profile_key)
    );
    INSERT INTO profiles (channel, profile_key, display_name, picture_url, status_message, language, fetched_at, failed)
      SELECT 'line', user_id, display_name, picture_url, status_message, language, fetched_at, 0 FROM line_profiles;
    DROP TABLE line_profiles;

    CREATE TABLE delivery_windows (
      conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
      last_customer_message_at INTEGER NOT NULL
    );

    ALTER TABLE outbound_messages ADD COLUMN platform_message_id TEXT;
    CREATE INDEX outbound_messages_platform_id ON outbound_messages (platform_message_id) WHERE platform_message_id IS NOT NULL;
  `,
};
