import type Database from 'better-sqlite3';
import { chatTypeOf } from '../../shared/channels/chat-type';
import type { Channel } from '../../shared/protocol';
import type { InboundItem } from './channel-store-types';
import { statement } from './statements';

/**
 * Members of LINE groups and rooms (schema v15): who wrote, tapped or joined, seen first and last. A member id is a
 * LINE user id — a person, the same one as their one-to-one chat if they have one — so tags go on members.
 */

/** The people an inbound item shows in its group or room: the writer (`senderId`) and who joined. */
export function membersOf(item: InboundItem): string[] {
  const ids = new Set<string>();
  const sender = item.message?.content?.senderId ?? item.channelEvent?.details?.senderId;
  if (sender) ids.add(sender);
  if (item.channelEvent?.eventType === 'memberJoined') for (const id of item.channelEvent.details?.memberIds ?? []) ids.add(id);
  return [...ids];
}

/** Records the item's members in the ingest transaction (first and last seen on the platform's clock). */
export function recordConversationMembersSync(db: Database.Database, conversationId: string, item: InboundItem): void {
  const upsert = statement(
    db,
    `INSERT INTO conversation_members (conversation_id, member_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (conversation_id, member_id) DO UPDATE SET
       first_seen_at = MIN(first_seen_at, excluded.first_seen_at), last_seen_at = MAX(last_seen_at, excluded.last_seen_at)`,
  );
  for (const memberId of membersOf(item)) upsert.run(conversationId, memberId, item.occurredAt, item.occurredAt);
}

/**
 * What a friend id names on this relay: a person (a one-to-one customer, or a member of a group or room), a group
 * or room itself (tags belong to its members), or nobody the relay knows.
 */
export function personKindSync(db: Database.Database, friendId: string): 'person' | 'chat' | 'unknown' {
  const conversation = statement(db, 'SELECT channel FROM conversations WHERE friend_id = ? LIMIT 1').get(friendId) as { channel: Channel } | undefined;
  if (conversation) return chatTypeOf(conversation.channel, friendId) === 'one_to_one' ? 'person' : 'chat';
  return statement(db, 'SELECT 1 FROM conversation_members WHERE member_id = ? LIMIT 1').get(friendId) ? 'person' : 'unknown';
}

export interface MembershipRecord {
  conversationId: string;
  groupName: string;
  /** The member's name in that group (their member profile), null before it was looked up. */
  displayName: string | null;
  lastSeenAt: number;
}

/** The group or room a member was last seen in, with their name there. */
export function latestMembershipSync(db: Database.Database, memberId: string): MembershipRecord | null {
  const row = statement(
    db,
    `SELECT m.conversation_id, m.last_seen_at, c.display_name AS group_name, p.display_name AS member_name
     FROM conversation_members m
     JOIN conversations c ON c.id = m.conversation_id
     LEFT JOIN profiles p ON p.channel = c.channel AND p.profile_key = 'member:' || c.friend_id || ':' || m.member_id AND p.failed = 0
     WHERE m.member_id = ? ORDER BY m.last_seen_at DESC LIMIT 1`,
  ).get(memberId) as { conversation_id: string; last_seen_at: number; group_name: string; member_name: string | null } | undefined;
  if (!row) return null;
  return { conversationId: row.conversation_id, groupName: row.group_name, displayName: row.member_name, lastSeenAt: row.last_seen_at };
}
