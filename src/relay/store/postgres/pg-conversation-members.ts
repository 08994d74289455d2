import { chatTypeOf } from '../../../shared/channels/chat-type';
import type { Channel } from '../../../shared/protocol';
import type { InboundItem } from '../channel-store-types';
import { membersOf, type MembershipRecord } from '../sqlite-conversation-members';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-conversation-members.ts: the members of LINE groups and rooms (schema version 6). The
 * ingest transaction holds the conversation's lock, so two relays recording the same member widen one row.
 */
export async function recordConversationMembers(tx: PgTx, conversationId: string, item: InboundItem): Promise<void> {
  const members = membersOf(item);
  if (members.length === 0) return;
  await tx.run(
    `INSERT INTO conversation_members (conversation_id, member_id, first_seen_at, last_seen_at)
     SELECT $1, member_id, $3, $3 FROM unnest($2::text[]) AS member_id
     ON CONFLICT (conversation_id, member_id) DO UPDATE SET
       first_seen_at = LEAST(conversation_members.first_seen_at, excluded.first_seen_at),
       last_seen_at = GREATEST(conversation_members.last_seen_at, excluded.last_seen_at)`,
    [conversationId, members, item.occurredAt],
  );
}

/** See sqlite-conversation-members.ts personKindSync: a person, a group or room (tags go on its members), or unknown. */
export async function personKind(tx: PgTx, friendId: string): Promise<'person' | 'chat' | 'unknown'> {
  const row = await tx.row<{ channel: Channel | null; member: boolean }>(
    `SELECT (SELECT channel FROM conversations WHERE friend_id = $1 LIMIT 1) AS channel,
            EXISTS (SELECT 1 FROM conversation_members WHERE member_id = $1) AS member`,
    [friendId],
  );
  if (row?.channel) return chatTypeOf(row.channel, friendId) === 'one_to_one' ? 'person' : 'chat';
  return row?.member ? 'person' : 'unknown';
}

/** The group or room a member was last seen in, with their name there (their member profile). */
export async function latestMembership(tx: PgTx, memberId: string): Promise<MembershipRecord | null> {
  const row = await tx.row<{ conversation_id: string; last_seen_at: number; group_name: string; member_name: string | null }>(
    `SELECT m.conversation_id, m.last_seen_at, c.display_name AS group_name, p.display_name AS member_name
     FROM conversation_members m
     JOIN conversations c ON c.id = m.conversation_id
     LEFT JOIN profiles p ON p.channel = c.channel AND p.profile_key = 'member:' || c.friend_id || ':' || m.member_id AND p.failed = 0
     WHERE m.member_id = $1 ORDER BY m.last_seen_at DESC LIMIT 1`,
    [memberId],
  );
  if (!row) return null;
  return { conversationId: row.conversation_id, groupName: row.group_name, displayName: row.member_name, lastSeenAt: row.last_seen_at };
}
