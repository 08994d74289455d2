import type { Migration } from '../migrate';

/**
 * Schema version 15: the members of LINE groups and rooms as people. A member id is a LINE user id — the same
 * person as their one-to-one chat, if they have one — and tags attach to it, never to the group. One row per
 * member and group: who wrote or did something there (or joined), first and last seen (LINE's clock). The
 * member's name is their member profile (`profiles`, key `member:<group>:<user>`).
 * Members who wrote before this version are taken from the event log: the `senderId` of their messages and
 * platform events, and the members a `memberJoined` announced.
 */
export const migration015ConversationMembers: Migration = {
  version: 15,
  name: 'conversation_members',
  up: `
    CREATE TABLE conversation_members (
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      member_id TEXT NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, member_id)
    );
    CREATE INDEX conversation_members_by_member ON conversation_members (member_id, last_seen_at);

    INSERT INTO conversation_members (conversation_id, member_id, first_seen_at, last_seen_at)
      SELECT e.conversation_id, m.member_id, MIN(e.occurred_at), MAX(e.occurred_at)
      FROM events e
      JOIN (
        SELECT seq, json_extract(payload, '$.senderId') AS member_id FROM events
          WHERE type = 'message.received' AND json_type(payload, '$.senderId') = 'text'
        UNION ALL
        SELECT seq, json_extract(payload, '$.details.senderId') FROM events
          WHERE type = 'channel.event' AND json_type(payload, '$.details.senderId') = 'text'
        UNION ALL
        SELECT events.seq, joined.value FROM events, json_each(events.payload, '$.details.memberIds') AS joined
          WHERE events.type = 'channel.event' AND json_extract(events.payload, '$.eventType') = 'memberJoined'
            AND json_type(events.payload, '$.details.memberIds') = 'array' AND joined.type = 'text'
      ) m ON m.seq = e.seq
      WHERE e.conversation_id IN (SELECT id FROM conversations)
      GROUP BY e.conversation_id, m.member_id;
  `,
};
