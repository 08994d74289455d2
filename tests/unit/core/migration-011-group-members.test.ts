import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration010LearnedExamples } from '../../../src/main/core/store/migrations/010_learned_examples';
import { migration011GroupMembers } from '../../../src/main/core/store/migrations/011_group_members';

describe('local store migration 011 (group members as people)', () => {
  it('migrates a populated version-10 store: every member who wrote becomes a member, named ones keep their name', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration010LearnedExamples.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:C1', 'line', 'C1', '團購群', 9)`).run();
    db.prepare(
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at, content_json) VALUES
         ('m1', 'm1', 'line:C1', 'in', 'text', '+1', 5, '{"senderId":"U-mei"}'),
         ('m2', 'm2', 'line:C1', 'in', 'text', '+2', 8, '{"senderId":"U-mei"}'),
         ('m3', 'm3', 'line:C1', 'in', 'image', '[圖片]', 7, '{"senderId":"U-jun","imageSet":{"id":"S"}}'),
         ('e1', 'event:4', 'line:C1', 'in', 'event', '點選了按鈕', 9, '{"senderId":"U-ann","postback":{"data":"x"}}'),
         ('m4', 'm4', 'line:C1', 'in', 'text', 'no sender', 9, NULL),
         ('m5', 'm5', 'line:C1', 'in', 'text', 'broken', 9, 'not json')`,
    ).run();
    db.prepare(`INSERT INTO conversation_members (conversation_id, member_id, display_name, picture_url) VALUES ('line:C1', 'U-mei', '林美惠', NULL)`).run();

    expect(migrateLocalStore(db, migration011GroupMembers.version)).toBe(migration011GroupMembers.version);
    expect(localSchemaVersion(db)).toBe(migration011GroupMembers.version);
    const members = db.prepare('SELECT member_id, display_name, last_seen_at FROM conversation_members ORDER BY member_id').all();
    expect(members).toEqual([
      { member_id: 'U-ann', display_name: '', last_seen_at: 9 },
      { member_id: 'U-jun', display_name: '', last_seen_at: 7 },
      { member_id: 'U-mei', display_name: '林美惠', last_seen_at: 8 },
    ]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT conversation_id FROM conversation_members WHERE member_id = 'U-mei'`).all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('conversation_members_by_member');
    db.close();
  });
});
