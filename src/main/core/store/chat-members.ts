import { chatTypeOf } from '../../../shared/channels/chat-type';
import type { ChatMember } from '../../../shared/ipc/tag-contract';
import type { Channel } from '../../../shared/protocol/events';
import type { LocalDatabase } from './database';
import { statement } from './statements';

/**
 * The members of LINE groups and rooms in the local store (schema 9, 11): who wrote each line, named once the relay
 * looked them up. A member id is a LINE user id — the same person as their one-to-one chat, if they have one —
 * so tags attach to members, never to the group.
 */

/** A member wrote or did something in the group at `at`; their name may come later (conversation.memberUpserted). */
export function noteMemberSeen(db: LocalDatabase, conversationId: string, memberId: string, at: number): void {
  statement(
    db,
    `INSERT INTO conversation_members (conversation_id, member_id, display_name, picture_url, last_seen_at) VALUES (?, ?, '', NULL, ?)
     ON CONFLICT (conversation_id, member_id) DO UPDATE SET last_seen_at = MAX(COALESCE(last_seen_at, 0), excluded.last_seen_at)`,
  ).run(conversationId, memberId, at);
}

/**
 * What a friend id names here: a person (a one-to-one customer, or a member of a group or room), a group or room
 * itself (tags belong to its members), or nothing this app knows.
 */
export function personKindOf(db: LocalDatabase, friendId: string): 'person' | 'chat' | 'unknown' {
  const conversation = statement(db, 'SELECT channel FROM conversations WHERE friend_id = ? LIMIT 1').get(friendId) as { channel: Channel } | undefined;
  if (conversation) return chatTypeOf(conversation.channel, friendId) === 'one_to_one' ? 'person' : 'chat';
  return statement(db, 'SELECT 1 FROM conversation_members WHERE member_id = ? LIMIT 1').get(friendId) ? 'person' : 'unknown';
}

/** A group's or room's members, the most recently active first, each with the tags the agent sees. */
export function chatMembers(db: LocalDatabase, conversationId: string): ChatMember[] {
  const rows = statement(
    db,
    `SELECT member_id, display_name, picture_url, last_seen_at FROM conversation_members WHERE conversation_id = ?
     ORDER BY last_seen_at IS NULL, last_seen_at DESC, display_name, member_id`,
  ).all(conversationId) as Array<{ member_id: string; display_name: string; picture_url: string | null; last_seen_at: number | null }>;
  const tags = new Map<string, string[]>();
  const tagRows = statement(
    db,
    `SELECT f.friend_id, f.name FROM friend_tags f JOIN conversation_members m ON m.member_id = f.friend_id
     WHERE m.conversation_id = ? ORDER BY f.pending, f.rowid`,
  ).all(conversationId) as Array<{ friend_id: string; name: string }>;
  for (const row of tagRows) tags.set(row.friend_id, [...(tags.get(row.friend_id) ?? []), row.name]);
  return rows.map((row) => ({
    memberId: row.member_id,
    displayName: row.display_name === '' ? null : row.display_name,
    pictureUrl: row.picture_url,
    lastSeenAt: row.last_seen_at,
    tags: tags.get(row.member_id) ?? [],
  }));
}
