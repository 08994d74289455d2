import { normaliseTagName } from '../../../shared/tags';
import type { ShopTag } from '../../../shared/ipc/tag-contract';
import type { LocalDatabase } from '../store/database';

/** The parsed inbox filter (see inboxFilterSchema); every part narrows with AND. */
export interface InboxFilterInput {
  tag: string | null;
  noTags: boolean;
  unreadOnly: boolean;
}

/** SQL conditions on `conversations` (no alias) for the filter; named parameters in `params`. */
export function inboxFilterConditions(filter: InboxFilterInput | undefined): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter) return { conditions, params };
  if (filter.unreadOnly) conditions.push('unread_count > 0');
  if (filter.noTags) conditions.push('NOT EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = conversations.friend_id)');
  if (filter.tag !== null) {
    const normalised = normaliseTagName(filter.tag);
    // A name that cannot be a tag matches nothing rather than everything.
    params.filterTagKey = normalised.ok ? normalised.key : '\u0000';
    conditions.push('EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = conversations.friend_id AND f.tag_key = @filterTagKey)');
  }
  return { conditions, params };
}

/** Conversation counts per filter choice, all within "unread" when `unreadOnly`. */
export function inboxCounts(db: LocalDatabase, unreadOnly: boolean): { all: number; unread: number; noTags: number; tags: ShopTag[] } {
  const unreadClause = unreadOnly ? 'AND c.unread_count > 0' : '';
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const all = count(`SELECT COUNT(*) AS n FROM conversations c WHERE 1 = 1 ${unreadClause}`);
  const unread = count('SELECT COUNT(*) AS n FROM conversations c WHERE c.unread_count > 0');
  const noTags = count(
    `SELECT COUNT(*) AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM friend_tags f WHERE f.friend_id = c.friend_id) ${unreadClause}`,
  );
  const tags = db
    .prepare(
      `SELECT t.key, t.name, COUNT(c.id) AS count
       FROM (SELECT key, name FROM tags UNION SELECT tag_key, name FROM friend_tags WHERE tag_key NOT IN (SELECT key FROM tags)) t
       LEFT JOIN friend_tags f ON f.tag_key = t.key
       LEFT JOIN conversations c ON c.friend_id = f.friend_id ${unreadClause}
       GROUP BY t.key ORDER BY count DESC, t.name`,
    )
    .all() as ShopTag[];
  return { all, unread, noTags, tags };
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
