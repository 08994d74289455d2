import type { Migration } from '../migrate';

/**
 * Schema version 3 of the local store: tags. `tags` and `friend_tags_confirmed` mirror the relay exactly
 * (built only from tag.* events); `friend_tags` is what the agent sees — the confirmed tags with this
 * app's own queued tag changes laid over them, capped like the relay caps — and is what the inbox
 * filters on. Rebuilt per friend whenever either side changes (src/main/core/tags/friend-tags.ts).
 */
export const migration003Tags: Migration = {
  version: 3,
  name: 'tags',
  up: `
    CREATE TABLE tags (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL
    );

    -- add_id: the mutation id of the add the relay applied last (sent back with removes: add-wins).
    CREATE TABLE friend_tags_confirmed (
      friend_id TEXT NOT NULL,
      tag_key TEXT NOT NULL,
      add_id TEXT NOT NULL,
      PRIMARY KEY (friend_id, tag_key)
    );

    CREATE TABLE friend_tags (
      friend_id TEXT NOT NULL,
      tag_key TEXT NOT NULL,
      name TEXT NOT NULL,
      pending INTEGER NOT NULL CHECK (pending IN (0, 1)),
      PRIMARY KEY (friend_id, tag_key)
    );
    CREATE INDEX friend_tags_by_tag ON friend_tags (tag_key, friend_id);
    CREATE INDEX conversations_by_friend ON conversations (friend_id);

    -- Who changed which tag when; client_time is the author's clock (offline changes keep their time).
    -- delta: the change in the tag's member count (0 for a repeated add), for the lead's trend line.
    CREATE TABLE tag_audit (
      seq INTEGER PRIMARY KEY,
      action TEXT NOT NULL CHECK (action IN ('added', 'removed', 'renamed', 'merged', 'deleted')),
      tag_key TEXT NOT NULL,
      tag TEXT NOT NULL,
      detail TEXT,
      friend_id TEXT,
      agent_name TEXT NOT NULL,
      client_time INTEGER NOT NULL,
      recorded_at INTEGER NOT NULL,
      delta INTEGER NOT NULL DEFAULT 0,
      affected INTEGER
    );
    CREATE INDEX tag_audit_by_tag ON tag_audit (tag_key, recorded_at);

    -- Adds the relay refused (TAG_LIMIT …), shown to this agent until dismissed.
    CREATE TABLE tag_rejections (
      mutation_id TEXT PRIMARY KEY,
      friend_id TEXT NOT NULL,
      tag TEXT NOT NULL,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      rejected_at INTEGER NOT NULL
    );
  `,
};
