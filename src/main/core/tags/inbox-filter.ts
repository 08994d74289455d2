import { normaliseTagName } from '../../../shared/tags';
import type { ChannelCounts, ShopTag } from '../../../shared/ipc/tag-contract';
import type { Channel } from '../../../shared/protocol/events';
import type { LocalDatabase } from '../store/database';

/** The parsed inbox filter (see inboxFilterSchema); every part narrows with AND. */
export interface InboxFilterInput {
  tag: string | null;
  noTags: boolean;
  unreadOnly: boolean;
  channel: Channel | null;
}

/** SQL conditions on `conversations` (no alias) for the filter; named parameters in `params`. */
export function inboxFilterConditions(filter: InboxFilterInput | undefined): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter) return { conditions, params };
  if (filter.unreadOnly) conditions.push('unread_count > 0');
  if (filter.channel !== null) {
    params.filterChannel = filter.channel;
    conditions.push('channel = @filterChannel');
  }
  if (filter.noTags) conditions.push('NOT EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = conversations.friend_id)');
  if (filter.tag !== null) {
    const normalised = normaliseTagName(filter.tag);
    // A name that cannot be a tag matches nothing rather than everything.
    params.filterTagKey = normalised.ok ? normalised.key : '\u0000';
    conditions.push('EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = conversations.friend_id AND f.tag_key = @filterTagKey)');
  }
  return { conditions, params };
}

export interface InboxCountsInput {
  unreadOnly: boolean;
  channel: Channel | null;
  tag: string | null;
  noTags: boolean;
}

const NO_CHANNELS: ChannelCounts = { line: 0, messenger: 0, instagram: 0, webchat: 0 };

/**
 * Conversation counts per filter choice, all within "unread" when `unreadOnly`. The tag choices are counted
 * within the chosen channel and the channel choices within the chosen tag, so each control shows what picking
 * one of its options would list together with the other control's current choice.
 */
export function inboxCounts(
  db: LocalDatabase,
  input: InboxCountsInput,
): { all: number; unread: number; noTags: number; tags: ShopTag[]; channels: ChannelCounts } {
  const unreadClause = input.unreadOnly ? 'AND c.unread_count > 0' : '';
  const channelClause = input.channel === null ? '' : 'AND c.channel = @channel';
  const params = { channel: input.channel };
  const count = (sql: string) => (db.prepare(sql).get(params) as { n: number }).n;
  const all = count(`SELECT COUNT(*) AS n FROM conversations c WHERE 1 = 1 ${unreadClause} ${channelClause}`);
  const unread = count(`SELECT COUNT(*) AS n FROM conversations c WHERE c.unread_count > 0 ${channelClause}`);
  const noTags = count(
    `SELECT COUNT(*) AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = c.friend_id) ${unreadClause} ${channelClause}`,
  );
  const tags = db
    .prepare(
      `SELECT t.key, t.name, COUNT(c.id) AS count
       FROM (SELECT key, name FROM tags UNION SELECT tag_key, name FROM friend_tags WHERE tag_key NOT IN (SELECT key FROM tags)) t
       LEFT JOIN friend_tags f ON f.tag_key = t.key
       LEFT JOIN conversations c ON c.friend_id = f.friend_id ${unreadClause} ${channelClause}
       GROUP BY t.key ORDER BY count DESC, t.name`,
    )
    .all(params) as ShopTag[];
  return { all, unread, noTags, tags, channels: channelCounts(db, { ...input, channel: null }) };
}

/** Conversations per channel that match the filter (its channel part included, if any). */
export function channelCounts(db: LocalDatabase, filter: InboxFilterInput): ChannelCounts {
  const { conditions, params } = inboxFilterConditions(filter);
  const where = conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
  const rows = db.prepare(`SELECT channel, COUNT(*) AS n FROM conversations WHERE ${where} GROUP BY channel`).all(params) as {
    channel: string;
    n: number;
  }[];
  const counts: ChannelCounts = { ...NO_CHANNELS };
  for (const row of rows) if (row.channel in counts) counts[row.channel as Channel] = row.n;
  return counts;
}

/** The shop's tags (including ones only queued here so far) with member counts: autocomplete. */
export function shopTags(db: LocalDatabase): ShopTag[] {
  return db
    .prepare(
      `SELECT t.key, t.name, (SELECT COUNT(*) FROM friend_tags f WHERE f.tag_key = t.key) AS count
       FROM (SELECT key, name FROM tags UNION SELECT DISTINCT tag_key, name FROM friend_tags WHERE tag_key NOT IN (SELECT key FROM tags)) t
       GROUP BY t.key ORDER BY count DESC, t.name`,
    )
    .all() as ShopTag[];
}
