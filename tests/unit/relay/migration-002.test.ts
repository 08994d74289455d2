import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration001Initial } from '../../../src/relay/store/migrations/001_initial';
import { migration002PushAndQuota } from '../../../src/relay/store/migrations/002_push_and_quota';

describe('relay migration 002 (pushes and quota)', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-migration-'));
    db = new Database(join(dir, 'relay.sqlite'));
    db.pragma('foreign_keys = ON');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every outbound message of the previous version, with defaults for the new columns', () => {
    migrate(db, migration001Initial.version);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', '怡君', NULL, 1, 1)`).run();
    const insert = db.prepare(`INSERT INTO outbound_messages VALUES (?, ?, 'line:U1', ?, '小美', ?, ?, NULL, ?, ?)`);
    insert.run('m1', 'mu1', '好的，已為您保留', 'held', 'no_fresh_token', 10, 10);
    insert.run('m2', 'mu2', '已出貨囉', 'sent_free', null, 20, 21);

    expect(migrate(db, migration002PushAndQuota.version)).toBe(migration002PushAndQuota.version);
    expect(schemaVersion(db)).toBe(migration002PushAndQuota.version);
    const rows = db.prepare('SELECT * FROM outbound_messages ORDER BY created_at').all();
    expect(rows).toEqual([
      expect.objectContaining({ message_id: 'm1', text: '好的，已為您保留', delivery: 'held', reason: 'no_fresh_token', kind: 'agent_reply', push_consent: 0, retry_key: null, push_attempts: 0 }),
      expect.objectContaining({ message_id: 'm2', delivery: 'sent_free', updated_at: 21 }),
    ]);
    // The held-queue index survives the rebuild.
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbound_messages'`).all();
    expect(indexes).toContainEqual({ name: 'outbound_messages_held' });
    expect(db.prepare('SELECT id, blocked FROM quota_state').all()).toEqual([{ id: 1, blocked: 0 }]);
  });

  it('accepts the cancelled state and still rejects unknown ones', () => {
    migrate(db, migration002PushAndQuota.version);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', 'x', NULL, 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, created_at, updated_at)
       VALUES (?, 'mu', 'line:U1', 't', 'a', ?, 1, 1)`,
    );
    insert.run('ok', 'cancelled');
    expect(() => insert.run('bad', 'teleported')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO quota_state (id) VALUES (2)`).run()).toThrow(/CHECK|UNIQUE/);
  });
});
