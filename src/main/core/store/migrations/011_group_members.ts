import type { Migration } from '../migrate';

/**
 * Schema version 11 of the local store: the members of LINE groups and rooms as people an agent tags.
 * - conversation_members.last_seen_at: when the member last wrote or did something there (newest first in the
 *   member list); every member who wrote is a row, also before their name is known (display_name '' until the
 *   relay's conversation.memberUpserted names them).
 * - an index by member, because a member id is a person: their tags, and the groups they are in.
 * Members who wrote before this version are taken from their lines (messages.content_json `senderId`).
 */
export const migration011GroupMembers: Migration = {
  version: 11,
  name: 'group_members',
  up: `
    ALTER TABLE conversation_members ADD COLUMN last_seen_at INTEGER;
    CREATE INDEX conversation_members_by_member ON conversation_members (member_id);

    INSERT INTO conversation_members (conversation_id, member_id, display_name, picture_url, last_seen_at)
      SELECT conversation_id, json_extract(content_json, '$.senderId'), '', NULL, MAX(created_at)
      FROM messages
      WHERE content_json IS NOT NULL AND json_valid(content_json) AND json_type(content_json, '$.senderId') = 'text'
      GROUP BY conversation_id, json_extract(content_json, '$.senderId')
    ON CONFLICT (conversation_id, member_id) DO UPDATE SET last_seen_at = excluded.last_seen_at;
  `,
};
