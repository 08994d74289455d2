import type { RelayEventOf } from '../../../shared/protocol';
import { tagKey } from '../../../shared/tags';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem } from '../store/outbox';
import { friendsWithTags, refreshFriendTags } from './friend-tags';

export type TagEvent = RelayEventOf<'tag.added' | 'tag.removed' | 'tag.renamed' | 'tag.merged' | 'tag.deleted'>;

interface AuditRow {
  action: 'added' | 'removed' | 'renamed' | 'merged' | 'deleted';
  tagKey: string;
  tag: string;
  detail: string | null;
  friendId: string | null;
  delta: number;
  affected: number | null;
}

function audit(db: LocalDatabase, event: TagEvent, row: AuditRow): void {
  db.prepare(
    `INSERT OR IGNORE INTO tag_audit (seq, action, tag_key, tag, detail, friend_id, agent_name, client_time, recorded_at, delta, affected)
     VALUES (@seq, @action, @tagKey, @tag, @detail, @friendId, @agentName, @clientTime, @recordedAt, @delta, @affected)`,
  ).run({ ...row, seq: event.seq, agentName: event.payload.agentName, clientTime: event.payload.clientTime, recordedAt: event.occurredAt });
}

/**
 * Mirrors the relay's tag state. Each event is applied exactly as the relay applied the mutation
 * (src/relay/store/sqlite-tags.ts), so after the same events both hold the same tags. The author's
 * queued outbox row is dropped here too: the relay has it, even if its ack was lost.
 */
export function applyTagEvent(db: LocalDatabase, event: TagEvent, scopes: Set<string>): void {
  deleteOutboxItem(db, event.payload.mutationId);
  const touched = new Set<string>();
  switch (event.type) {
    case 'tag.added': {
      const { friendId, tag } = event.payload;
      const key = tagKey(tag);
      db.prepare('INSERT INTO tags (key, name) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name').run(key, tag);
      const present = db.prepare('SELECT 1 FROM friend_tags_confirmed WHERE friend_id = ? AND tag_key = ?').get(friendId, key) !== undefined;
      // A repeated add only refreshes the add-id (add-wins); it does not change the member count.
      db.prepare(
        `INSERT INTO friend_tags_confirmed (friend_id, tag_key, add_id) VALUES (?, ?, ?)
         ON CONFLICT (friend_id, tag_key) DO UPDATE SET add_id = excluded.add_id`,
      ).run(friendId, key, event.payload.mutationId);
      audit(db, event, { action: 'added', tagKey: key, tag, detail: null, friendId, delta: present ? 0 : 1, affected: null });
      touched.add(friendId);
      break;
    }
    case 'tag.removed': {
      const { friendId, tag } = event.payload;
      const key = tagKey(tag);
      const removed = db.prepare('DELETE FROM friend_tags_confirmed WHERE friend_id = ? AND tag_key = ?').run(friendId, key).changes;
      audit(db, event, { action: 'removed', tagKey: key, tag, detail: null, friendId, delta: -removed, affected: null });
      touched.add(friendId);
      break;
    }
    case 'tag.renamed': {
      const { from, to } = event.payload;
      const fromKey = tagKey(from);
      const toKey = tagKey(to);
      for (const friendId of friendsWithTags(db, [fromKey, toKey])) touched.add(friendId);
      db.prepare('INSERT OR REPLACE INTO tags (key, name) VALUES (?, ?)').run(toKey, to);
      if (toKey !== fromKey) {
        db.prepare('UPDATE friend_tags_confirmed SET tag_key = ? WHERE tag_key = ?').run(toKey, fromKey);
        db.prepare('DELETE FROM tags WHERE key = ?').run(fromKey);
        // The tag's history follows it to its new name (trend, audit filter).
        db.prepare('UPDATE tag_audit SET tag_key = ? WHERE tag_key = ?').run(toKey, fromKey);
      }
      audit(db, event, { action: 'renamed', tagKey: toKey, tag: from, detail: to, friendId: null, delta: 0, affected: null });
      break;
    }
    case 'tag.merged': {
      const { source, target, affected } = event.payload;
      const sourceKey = tagKey(source);
      const targetKey = tagKey(target);
      for (const friendId of friendsWithTags(db, [sourceKey, targetKey])) touched.add(friendId);
      db.prepare(
        `DELETE FROM friend_tags_confirmed WHERE tag_key = ? AND friend_id IN (SELECT friend_id FROM friend_tags_confirmed WHERE tag_key = ?)`,
      ).run(sourceKey, targetKey);
      const moved = db.prepare('UPDATE friend_tags_confirmed SET tag_key = ? WHERE tag_key = ?').run(targetKey, sourceKey).changes;
      db.prepare('DELETE FROM tags WHERE key = ?').run(sourceKey);
      audit(db, event, { action: 'merged', tagKey: targetKey, tag: source, detail: target, friendId: null, delta: moved, affected });
      break;
    }
    case 'tag.deleted': {
      const key = tagKey(event.payload.tag);
      for (const friendId of friendsWithTags(db, [key])) touched.add(friendId);
      db.prepare('DELETE FROM friend_tags_confirmed WHERE tag_key = ?').run(key);
      db.prepare('DELETE FROM tags WHERE key = ?').run(key);
      audit(db, event, { action: 'deleted', tagKey: key, tag: event.payload.tag, detail: null, friendId: null, delta: 0, affected: event.payload.affected });
      break;
    }
  }
  for (const friendId of touched) {
    refreshFriendTags(db, friendId);
    scopes.add(`tags:${friendId}`);
  }
  scopes.add('tags');
}
