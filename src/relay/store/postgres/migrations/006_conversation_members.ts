import type { PgMigration } from '../pg-migrate';

/**
 * PostgreSQL schema version 6: the members of LINE groups and rooms as people, as the SQLite store's version 15
 * holds them (see ../../migrations/015_conversation_members.ts): one row per member and group, first and last seen
 * on LINE's clock; tags go on the member. Members who wrote, tapped or joined before this version are taken from
 * the event log (its payloads are JSON text: read as jsonb here, only the two event types that name members).
 */
export const pgMigration006ConversationMembers: PgMigration = {
  version: 6,
  name: 'conversation_members',
  up: `
    CREATE TABLE conversation_members (
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      member_id TEXT NOT NULL,
      first_seen_at BIGINT NOT NULL,
      last_seen_at BIGINT NOT NULL,
      PRIMARY KEY (conversation_id, member_id)
    );
    CREATE INDEX conversation_members_by_member ON conversation_members (member_id, last_seen_at);

    INSERT INTO conversation_members (conversation_id, member_id, first_seen_at, last_seen_at)
      SELECT e.conversation_id, m.member_id, MIN(e.occurred_at), MAX(e.occurred_at)
      FROM (
        SELECT conversation_id, occurred_at, type, payload::jsonb AS p FROM events
        WHERE type IN ('message.received', 'channel.event') AND conversation_id IN (SELECT id FROM conversations)
      ) e
      CROSS JOIN LATERAL (
        SELECT e.p ->> 'senderId' AS member_id WHERE e.type = 'message.received' AND jsonb_typeof(e.p -> 'senderId') = 'string'
        UNION ALL
        SELECT e.p #>> '{details,senderId}' WHERE e.type = 'channel.event' AND jsonb_typeof(e.p #> '{details,senderId}') = 'string'
        UNION ALL
        SELECT joined #>> '{}' FROM jsonb_array_elements(
          CASE WHEN e.type = 'channel.event' AND e.p ->> 'eventType' = 'memberJoined' AND jsonb_typeof(e.p #> '{details,memberIds}') = 'array'
               THEN e.p #> '{details,memberIds}' ELSE '[]'::jsonb END
        ) AS joined WHERE jsonb_typeof(joined) = 'string'
      ) m
      GROUP BY e.conversation_id, m.member_id;
  `,
};
