import type { Migration } from '../migrate';

/**
 * Schema version 9 of the local store: what customers send besides text, and what happened around it.
 * - messages.content_json: the message's content (photo/file/sticker/location/group sender/quote, and `media`
 *   once the relay stored it) as `message.received` carried it; media_unavailable: why content will not come;
 *   withdrawn: the customer unsent it (its text and content are cleared, so search no longer finds it).
 * - conversations.blocked: the customer blocked the account (unfollow) and no reply can reach them until they
 *   follow again.
 * - conversation_members: names of group and room members (who wrote which line).
 * - media_cache: content this app has shown, kept in a bounded folder so it still shows offline (least recently
 *   used first out).
 */
export const migration009RichMessages: Migration = {
  version: 9,
  name: 'rich_messages',
  up: `
    ALTER TABLE messages ADD COLUMN content_json TEXT;
    ALTER TABLE messages ADD COLUMN media_unavailable TEXT;
    ALTER TABLE messages ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));
    ALTER TABLE conversations ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1));

    CREATE TABLE conversation_members (
      conversation_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      picture_url TEXT,
      PRIMARY KEY (conversation_id, member_id)
    );

    CREATE TABLE media_cache (
      cache_key TEXT PRIMARY KEY,
      file_name TEXT NOT NULL UNIQUE,
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL
    );
    CREATE INDEX media_cache_lru ON media_cache (last_used_at);
  `,
};
