import type { Migration } from '../migrate';

/**
 * Schema version 4: the shop's tags and which friend carries which. The relay is the authority on tags,
 * so the cap and the add-wins merge are decided from these rows inside one transaction per mutation.
 * The event log (tag.* events) is the audit trail; rejected adds live in `mutations` with their answer.
 */
export const migration004Tags: Migration = {
  version: 4,
  name: 'tags',
  up: `
    -- key: the case-insensitive uniqueness key (src/shared/tags); name: the shop's spelling.
    CREATE TABLE tags (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL
    );

    -- add_id is the mutation id of the add that put the tag there last: a remove only takes effect
    -- when the remover had seen that add (add-wins merge of concurrent offline changes).
    CREATE TABLE friend_tags (
      friend_id TEXT NOT NULL,
      tag_key TEXT NOT NULL REFERENCES tags (key),
      add_id TEXT NOT NULL,
      added_by TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (friend_id, tag_key)
    );
    CREATE INDEX friend_tags_by_tag ON friend_tags (tag_key, friend_id);
    CREATE INDEX conversations_by_friend ON conversations (friend_id);
  `,
};
