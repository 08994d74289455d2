import type { Migration } from '../migrate';

/**
 * Schema version 13: content customers send (photos, videos, voice messages, files) that the relay downloads and
 * serves to agents. One row per message's content; the row IS the download queue, so a restarted or second relay
 * process resumes it: `pending` rows are due at `next_attempt_at` and taken with a lease (`lease_owner`,
 * `lease_until`) that another process may take over once it has run out. `stored` rows count against the shop's
 * storage (`size`); `unavailable` ones say why (`unavailable_reason`); `withdrawn` ones were unsent by the customer.
 * - uploads: photos and files agents uploaded to send (`PUT /uploads/<upload_id>`, the client's id, so a retried
 *   upload is stored once); `public_id` (random, unguessable) names them at `RELAY_PUBLIC_URL/public/media/…`,
 *   where LINE and Meta fetch them.
 * - outbound_messages.content_json: a photo, file or sticker an agent sent (its text is a stand-in);
 *   quote_token: LINE's token of the customer message it quotes.
 * - quote_tokens: LINE's quoteToken of each customer message, so a reply can quote it.
 */
export const migration013Media: Migration = {
  version: 13,
  name: 'media',
  up: `
    CREATE TABLE media_items (
      media_id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      channel TEXT NOT NULL,
      message_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('line', 'url')),
      source_ref TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'stored', 'unavailable', 'withdrawn')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      lease_owner TEXT,
      lease_until INTEGER,
      content_type TEXT,
      size INTEGER,
      file_name TEXT,
      preview_content_type TEXT,
      unavailable_reason TEXT,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (channel, message_id)
    );
    CREATE INDEX media_items_due ON media_items (next_attempt_at) WHERE state = 'pending';
    CREATE INDEX media_items_stored ON media_items (state, size);

    CREATE TABLE uploads (
      upload_id TEXT PRIMARY KEY,
      public_id TEXT NOT NULL UNIQUE,
      agent_name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      preview_content_type TEXT,
      created_at INTEGER NOT NULL
    );

    ALTER TABLE outbound_messages ADD COLUMN content_json TEXT;
    ALTER TABLE outbound_messages ADD COLUMN quote_token TEXT;

    CREATE TABLE quote_tokens (
      conversation_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      quote_token TEXT NOT NULL,
      PRIMARY KEY (conversation_id, message_id)
    );
  `,
};
