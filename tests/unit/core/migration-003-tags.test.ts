import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration002RulesAndAutoReplies } from '../../../src/main/core/store/migrations/002_rules_and_auto_replies';
import { migration003Tags } from '../../../src/main/core/store/migrations/003_tags';
import { listInboxPage } from '../../../src/main/core/store/conversations';

describe('local store migration 002 (tags)', () => {
  it('adds the tag tables to a populated previous version, keeping its data usable', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration002RulesAndAutoReplies.version);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '42')`).run();
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at, unread_count) VALUES ('line:U1', 'line', 'U1', '林先生', 5, 2)`).run();
    db.prepare(`INSERT INTO outbox (id, type, payload, conversation_id, created_at, state) VALUES ('r1', 'reply.send', '{}', 'line:U1', 1, 'queued')`).run();

    expect(migrateLocalStore(db, migration003Tags.version)).toBe(migration003Tags.version);
    expect(localSchemaVersion(db)).toBe(migration003Tags.version);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '42' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });

    // The old conversation works with the new tag filter: no tags yet, then tagged.
    const page = (filter: { tag: string | null; noTags: boolean; unreadOnly: boolean }) =>
      listInboxPage(db, { limit: 10, before: null, filter: { ...filter, channel: null } }).rows.map((row) => row.id);
    expect(page({ tag: null, noTags: true, unreadOnly: true })).toEqual(['line:U1']);
    db.prepare(`INSERT INTO friend_tags (friend_id, tag_key, name, pending) VALUES ('U1', 'vip', 'VIP', 0)`).run();
    expect(page({ tag: 'ＶＩＰ', noTags: false, unreadOnly: false })).toEqual(['line:U1']);
    expect(page({ tag: null, noTags: true, unreadOnly: false })).toEqual([]);
    expect(() => db.prepare(`INSERT INTO friend_tags VALUES ('U1', 'x', 'x', 2)`).run()).toThrow(/CHECK/);
    db.close();
  });
});
