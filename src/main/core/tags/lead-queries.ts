import { normaliseTagName } from '../../../shared/tags';
import type { ChannelCounts, LeadTag, TagAuditEntry, TagMember } from '../../../shared/ipc/tag-contract';
import type { Channel } from '../../../shared/protocol/events';
import type { LocalDatabase } from '../store/database';
import { shopTags } from './inbox-filter';
import { memberStandInName } from '../../../shared/channels/chat-type';

export const TREND_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every tag with its member count and a 14-day trend: the count at the end of each day, rebuilt
 * backwards from today's count and the per-change deltas of the audit trail (relay clock).
 */
export function leadTags(db: LocalDatabase, relayNow: number): LeadTag[] {
  const deltaSince = db.prepare('SELECT COALESCE(SUM(delta), 0) AS d FROM tag_audit WHERE tag_key = ? AND recorded_at > ?');
  // Days as the agent's machine counts them (Taiwan: midnight UTC+8), not UTC days.
  const today = new Date(relayNow);
  today.setHours(0, 0, 0, 0);
  const startOfToday = today.getTime();
  const perChannel = membersPerChannel(db);
  return shopTags(db).map((tag) => {
    const trend: number[] = [];
    for (let daysAgo = TREND_DAYS - 1; daysAgo >= 0; daysAgo -= 1) {
      if (daysAgo === 0) {
        trend.push(tag.count);
        continue;
      }
      const endOfDay = startOfToday - (daysAgo - 1) * DAY_MS;
      const { d } = deltaSince.get(tag.key, endOfDay) as { d: number };
      trend.push(Math.max(0, tag.count - d));
    }
    return { ...tag, trend, channels: perChannel.get(tag.key) ?? { line: 0, messenger: 0, instagram: 0, webchat: 0 } };
  });
}

/**
 * Per tag key: its members per channel — a person's own conversation's channel; a member of a LINE group who never
 * wrote one-to-one is a LINE person all the same.
 */
function membersPerChannel(db: LocalDatabase): Map<string, ChannelCounts> {
  const rows = db
    .prepare(
      `SELECT f.tag_key AS key, COALESCE(c.channel, 'line') AS channel, COUNT(*) AS n
       FROM friend_tags f LEFT JOIN conversations c ON c.friend_id = f.friend_id
       WHERE c.id IS NOT NULL OR EXISTS (SELECT 1 FROM conversation_members m WHERE m.member_id = f.friend_id)
       GROUP BY f.tag_key, COALESCE(c.channel, 'line')`,
    )
    .all() as { key: string; channel: Channel; n: number }[];
  const byTag = new Map<string, ChannelCounts>();
  for (const row of rows) {
    const counts = byTag.get(row.key) ?? { line: 0, messenger: 0, instagram: 0, webchat: 0 };
    if (row.channel in counts) counts[row.channel] += row.n;
    byTag.set(row.key, counts);
  }
  return byTag;
}

function keyOf(tag: string): string {
  const normalised = normaliseTagName(tag);
  return normalised.ok ? normalised.key : '\u0000';
}

interface OwnConversationRow {
  id: string;
  channel: Channel;
  display_name: string;
  picture_url: string | null;
  last_message_at: number;
  last_message_preview: string;
  last_message_direction: 'in' | 'out' | null;
}

interface MembershipRow {
  conversation_id: string;
  display_name: string;
  picture_url: string | null;
  last_seen_at: number | null;
  group_name: string;
}

/**
 * The people carrying a tag, most recent activity first: each with their own conversation, or — a member of a
 * LINE group who never wrote one-to-one — the group they were last seen in (`groupName`).
 */
export function tagMembers(db: LocalDatabase, tag: string): TagMember[] {
  const friendIds = (db.prepare('SELECT friend_id FROM friend_tags WHERE tag_key = ?').all(keyOf(tag)) as { friend_id: string }[]).map((row) => row.friend_id);
  const own = db.prepare(
    `SELECT id, channel, display_name, picture_url, last_message_at, last_message_preview, last_message_direction
     FROM conversations WHERE friend_id = ? ORDER BY last_message_at DESC LIMIT 1`,
  );
  const membership = db.prepare(
    `SELECT m.conversation_id, m.display_name, m.picture_url, m.last_seen_at, c.display_name AS group_name
     FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.member_id = ? ORDER BY m.last_seen_at IS NULL, m.last_seen_at DESC LIMIT 1`,
  );
  const members = friendIds.flatMap((friendId): TagMember[] => {
    const row = own.get(friendId) as OwnConversationRow | undefined;
    if (row) {
      return [
        {
          friendId,
          conversationId: row.id,
          channel: row.channel,
          displayName: row.display_name,
          pictureUrl: row.picture_url,
          lastMessageAt: row.last_message_direction === null ? null : row.last_message_at,
          lastMessagePreview: row.last_message_preview,
          lastMessageDirection: row.last_message_direction,
          groupName: null,
        },
      ];
    }
    const member = membership.get(friendId) as MembershipRow | undefined;
    if (!member) return [];
    return [
      {
        friendId,
        conversationId: member.conversation_id,
        channel: 'line',
        displayName: member.display_name || memberStandInName(friendId),
        pictureUrl: member.picture_url,
        lastMessageAt: member.last_seen_at,
        lastMessagePreview: '',
        lastMessageDirection: null,
        groupName: member.group_name,
      },
    ];
  });
  return members.sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1) || b.conversationId.localeCompare(a.conversationId));
}

/** Newest first; all tags, or one tag (following it through renames). */
export function tagAudit(db: LocalDatabase, tag: string | null, limit: number): TagAuditEntry[] {
  const where = tag === null ? '' : 'WHERE a.tag_key = @key';
  const rows = db
    .prepare(
      `SELECT a.seq, a.action, a.tag, a.detail, a.friend_id AS friendId, a.agent_name AS agentName, a.client_time AS clientTime,
              a.recorded_at AS recordedAt, a.affected,
              COALESCE((SELECT display_name FROM conversations c WHERE c.friend_id = a.friend_id LIMIT 1),
                       (SELECT NULLIF(display_name, '') FROM conversation_members m WHERE m.member_id = a.friend_id ORDER BY last_seen_at DESC LIMIT 1)) AS friendName
       FROM tag_audit a ${where} ORDER BY a.seq DESC LIMIT @limit`,
    )
    .all({ key: tag === null ? null : keyOf(tag), limit }) as TagAuditEntry[];
  return rows;
}
