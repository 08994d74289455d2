import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDatabase, localDatabasePath } from '../../../src/main/core/store/database';
import { LATEST_LOCAL_SCHEMA_VERSION, localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { tempDir } from './support/core-harness';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function names(db: Database.Database, type: 'table' | 'index'): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).all(type) as Array<{ name: string }>).map(
    (row) => row.name,
  );
}

describe('local store migrations', () => {
  it('001 migrates an empty database to version 1 with every table and index', () => {
    const db = new Database(':memory:');
    expect(localSchemaVersion(db)).toBe(0);
    expect(migrateLocalStore(db, 1)).toBe(1);
    expect(names(db, 'table')).toEqual(['conversations', 'messages', 'meta', 'outbox']);
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining(['conversations_inbox_order', 'messages_by_conversation', 'outbox_by_state']),
    );
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 10`)
      .all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toContain('conversations_inbox_order');
    const messagePlan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 10`)
      .all('c') as Array<{ detail: string }>;
    expect(messagePlan.map((row) => row.detail).join(' ')).toContain('messages_by_conversation');
    db.close();
  });

  it('enforces mutation_id uniqueness and the outbox state values', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db);
    const insert = db.prepare(
      `INSERT INTO messages (id, conversation_id, direction, kind, text, created_at, mutation_id) VALUES (?, 'c', 'out', 'text', 'hi', 1, ?)`,
    );
    insert.run('a', 'm1');
    expect(() => insert.run('b', 'm1')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare(`INSERT INTO outbox (id, type, payload, conversation_id, created_at, state) VALUES ('x', 't', '{}', 'c', 1, 'lost')`).run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('is idempotent, keeps data, uses WAL and refuses a store from a newer app', () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = openLocalDatabase(dir.path);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    first.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '42')`).run();
    first.close();
    const again = openLocalDatabase(dir.path);
    expect(localSchemaVersion(again)).toBe(LATEST_LOCAL_SCHEMA_VERSION);
    expect(again.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '42' });
    again.pragma(`user_version = ${LATEST_LOCAL_SCHEMA_VERSION + 1}`);
    again.close();
    expect(() => openLocalDatabase(dir.path)).toThrow(/newer than this app understands/);
    expect(localDatabasePath(dir.path)).toMatch(/inbox\.sqlite$/);
  });
});

describe('local store migration 002 (rules and auto-replies)', () => {
  it('migrates a version-1 store with data: messages keep their rows and are not automatic', async () => {
    const { migration001Initial } = await import('../../../src/main/core/store/migrations/001_initial');
    const { migration002RulesAndAutoReplies } = await import('../../../src/main/core/store/migrations/002_rules_and_auto_replies');
    const db = new Database(':memory:');
    migrateLocalStore(db, migration001Initial.version);
    db.prepare(`INSERT INTO meta VALUES ('cursor', '42')`).run();
    db.prepare(`INSERT INTO messages (id, conversation_id, direction, kind, text, created_at) VALUES ('m1', 'c', 'in', 'text', '運費？', 1)`).run();

    expect(migrateLocalStore(db, migration002RulesAndAutoReplies.version)).toBe(migration002RulesAndAutoReplies.version);
    expect(db.prepare('SELECT id, text, auto FROM messages').all()).toEqual([{ id: 'm1', text: '運費？', auto: 0 }]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '42' });
    db.prepare(`INSERT INTO suggestion_rules VALUES (1, 3, '[]', 'Amy', 5)`).run();
    expect(() => db.prepare(`INSERT INTO suggestion_rules VALUES (2, 4, '[]', 'Amy', 6)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE messages SET auto = 2`).run()).toThrow(/CHECK/);
    db.close();
  });
});
