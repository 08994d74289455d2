import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration008TeamInbox } from '../../../src/main/core/store/migrations/008_team_inbox';

describe('local store migration 008 (team inbox)', () => {
  it('migrates a store with conversations and messages, keeping them, and keeps waiting and held times by trigger', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration008TeamInbox.version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', '陳怡君', 100)`).run();
    db.prepare(`INSERT INTO messages (id, conversation_id, direction, kind, text, created_at) VALUES ('m1', 'line:U1', 'in', 'text', '請問有貨嗎？', 100)`).run();

    expect(migrateLocalStore(db, migration008TeamInbox.version)).toBe(migration008TeamInbox.version);
    expect(localSchemaVersion(db)).toBe(migration008TeamInbox.version);
    // Older messages are not classified yet: nothing waits until new messages arrive or they are classified.
    expect(db.prepare('SELECT status, assignee, waiting_since, held_since, unseen_mentions FROM conversations').get()).toEqual({
      status: 'open',
      assignee: null,
      waiting_since: null,
      held_since: null,
      unseen_mentions: 0,
    });
    const insert = db.prepare(
      `INSERT INTO messages (id, conversation_id, direction, kind, text, created_at, delivery, needs_reply) VALUES (?, 'line:U1', ?, ?, ?, ?, ?, ?)`,
    );
    const waiting = () => db.prepare('SELECT waiting_since, held_since FROM conversations').get();
    insert.run('m2', 'in', 'text', '運費多少？', 200, null, 1);
    expect(waiting()).toEqual({ waiting_since: 200, held_since: null });
    insert.run('n1', 'out', 'note', '內部備註', 250, 'queued', null);
    expect(waiting()).toEqual({ waiting_since: 200, held_since: null });
    insert.run('r1', 'out', 'text', '運費 60 元', 300, 'held', null);
    expect(waiting()).toEqual({ waiting_since: 200, held_since: 300 });
    db.prepare(`UPDATE messages SET delivery = 'sent_free' WHERE id = 'r1'`).run();
    expect(waiting()).toEqual({ waiting_since: null, held_since: null });
    insert.run('m3', 'in', 'text', '謝謝', 400, null, 0);
    expect(waiting()).toEqual({ waiting_since: null, held_since: null });
    db.prepare(`DELETE FROM messages WHERE id = 'r1'`).run();
    expect(waiting()).toEqual({ waiting_since: 200, held_since: null });
    expect(() => db.prepare(`UPDATE conversations SET status = 'closed'`).run()).toThrow(/CHECK/);
  });
});

describe('classifying customer messages stored before the team inbox', () => {
  it('marks those after the last reply, so the upgraded store shows who is waiting', async () => {
    const { classifyOlderCustomerMessages } = await import('../../../src/main/core/workflow/needs-reply-backfill');
    const db = new Database(':memory:');
    migrateLocalStore(db, migration008TeamInbox.version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', '陳怡君', 100)`).run();
    const insert = db.prepare(`INSERT INTO messages (id, conversation_id, direction, kind, text, created_at, delivery) VALUES (?, 'line:U1', ?, 'text', ?, ?, ?)`);
    insert.run('m1', 'in', '請問有貨嗎？', 100, null);
    insert.run('r1', 'out', '有的', 200, 'sent_free');
    insert.run('m2', 'in', '謝謝', 300, null);
    insert.run('m3', 'in', '那運費多少？', 400, null);
    migrateLocalStore(db);
    expect(classifyOlderCustomerMessages(db)).toBe(2);
    expect(db.prepare('SELECT id, needs_reply FROM messages ORDER BY created_at').all()).toEqual([
      { id: 'm1', needs_reply: null },
      { id: 'r1', needs_reply: null },
      { id: 'm2', needs_reply: 0 },
      { id: 'm3', needs_reply: 1 },
    ]);
    expect(db.prepare('SELECT waiting_since FROM conversations').get()).toEqual({ waiting_since: 400 });
    expect(classifyOlderCustomerMessages(db)).toBe(0);
  });
});
