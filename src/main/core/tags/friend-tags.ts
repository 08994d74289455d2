import { z } from 'zod';
import { checkTagCap, tagKey } from '../../../shared/tags';
import type { FriendTag } from '../../../shared/ipc/tag-contract';
import type { LocalDatabase } from '../store/database';

/** Outbox rows of tag changes use this pseudo conversation id: one ordered queue per friend. */
export function tagQueueId(friendId: string): string {
  return `tags:${friendId}`;
}

const queuedChangeSchema = z.object({ friendId: z.string(), tag: z.string() });

export interface ConfirmedTag {
  key: string;
  name: string;
  addId: string;
}

export function confirmedTagsOf(db: LocalDatabase, friendId: string): ConfirmedTag[] {
  return db
    .prepare(
      `SELECT c.tag_key AS key, COALESCE(t.name, c.tag_key) AS name, c.add_id AS addId
       FROM friend_tags_confirmed c LEFT JOIN tags t ON t.key = c.tag_key
       WHERE c.friend_id = ? ORDER BY c.rowid`,
    )
    .all(friendId) as ConfirmedTag[];
}

/** This app's tag changes for the friend that the relay has not answered yet, oldest first. */
export function queuedTagChanges(db: LocalDatabase, friendId: string): Array<{ id: string; type: 'tag.add' | 'tag.remove'; tag: string }> {
  const rows = db
    .prepare(
      `SELECT id, type, payload FROM outbox
       WHERE conversation_id = ? AND type IN ('tag.add', 'tag.remove') AND state IN ('queued', 'sending')
       ORDER BY created_at, rowid`,
    )
    .all(tagQueueId(friendId)) as Array<{ id: string; type: 'tag.add' | 'tag.remove'; payload: string }>;
  return rows.flatMap((row) => {
    const payload = queuedChangeSchema.safeParse(JSON.parse(row.payload));
    return payload.success ? [{ id: row.id, type: row.type, tag: payload.data.tag }] : [];
  });
}

function shopName(db: LocalDatabase, key: string): string | null {
  return (db.prepare('SELECT name FROM tags WHERE key = ?').get(key) as { name: string } | undefined)?.name ?? null;
}

/**
 * What the agent sees for one friend: the relay's tags, then each queued change in order. A queued add
 * that would not fit (someone else filled the friend up meanwhile) is left out — the relay will refuse
 * it — so no friend ever shows more than the cap, here or anywhere.
 */
export function effectiveTagsOf(db: LocalDatabase, friendId: string): FriendTag[] {
  const tags = new Map<string, FriendTag>(confirmedTagsOf(db, friendId).map((tag) => [tag.key, { key: tag.key, name: tag.name, pending: false }]));
  for (const change of queuedTagChanges(db, friendId)) {
    const key = tagKey(change.tag);
    if (change.type === 'tag.remove') {
      tags.delete(key);
      continue;
    }
    const decision = checkTagCap([...tags.keys()], key);
    if (decision.allowed && !decision.alreadyPresent) tags.set(key, { key, name: shopName(db, key) ?? change.tag, pending: true });
  }
  return [...tags.values()];
}

/** Rebuilds the friend's visible tags (friend_tags) from the confirmed rows and the outbox. */
export function refreshFriendTags(db: LocalDatabase, friendId: string): void {
  db.prepare('DELETE FROM friend_tags WHERE friend_id = ?').run(friendId);
  const insert = db.prepare('INSERT INTO friend_tags (friend_id, tag_key, name, pending) VALUES (?, ?, ?, ?)');
  for (const tag of effectiveTagsOf(db, friendId)) insert.run(friendId, tag.key, tag.name, tag.pending ? 1 : 0);
}

/** Friends whose visible tags mention any of these keys (to refresh after a shop-wide change). */
export function friendsWithTags(db: LocalDatabase, keys: readonly string[]): string[] {
  const placeholders = keys.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT friend_id FROM friend_tags WHERE tag_key IN (${placeholders})
       UNION SELECT friend_id FROM friend_tags_confirmed WHERE tag_key IN (${placeholders})`,
    )
    .all(...keys, ...keys) as { friend_id: string }[];
  return rows.map((row) => row.friend_id);
}

export function visibleTagsOf(db: LocalDatabase, friendId: string): FriendTag[] {
  const rows = db
    .prepare('SELECT tag_key AS key, name, pending FROM friend_tags WHERE friend_id = ? ORDER BY pending, rowid')
    .all(friendId) as Array<{ key: string; name: string; pending: number }>;
  return rows.map((row) => ({ key: row.key, name: row.name, pending: row.pending === 1 }));
}

/**
 * The relay's log was replaced (resync from seq 0): forget the tag state built from it — shop tags, confirmed
 * friend tags and the audit trail, whose seq keys belong to the old log — and keep only this app's queued
 * changes, shown pending until the resync brings the relay's state back.
 */
export function forgetSyncedTags(db: LocalDatabase): void {
  const prefix = tagQueueId('');
  db.transaction(() => {
    const queues = db
      .prepare(`SELECT DISTINCT conversation_id AS queue FROM outbox WHERE type IN ('tag.add', 'tag.remove')`)
      .all() as Array<{ queue: string }>;
    db.exec('DELETE FROM tags; DELETE FROM friend_tags_confirmed; DELETE FROM tag_audit; DELETE FROM friend_tags;');
    for (const { queue } of queues) if (queue.startsWith(prefix)) refreshFriendTags(db, queue.slice(prefix.length));
  })();
}
