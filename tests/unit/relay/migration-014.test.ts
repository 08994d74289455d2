import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration014SuggestionFeedback } from '../../../src/relay/store/migrations/014_suggestion_feedback';

describe('relay migration 014 (suggestion feedback)', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-migration-'));
    db = new Database(join(dir, 'relay.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a store with events and rules, keeping them, and adds the feedback table', () => {
    const version = migration014SuggestionFeedback.version;
    migrate(db, version - 1);
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('message.received', 'line:U1', 5, '{"messageId":"m1","text":"運費多少","kind":"text"}')`).run();
    db.prepare(`INSERT INTO rules_versions (version, rules_json, updated_by, updated_at) VALUES (1, '[]', 'Lea', 1)`).run();

    expect(migrate(db, version)).toBe(version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT seq, type FROM events').all()).toEqual([{ seq: 1, type: 'message.received' }]);
    expect(db.prepare('SELECT version FROM rules_versions').all()).toEqual([{ version: 1 }]);

    const insert = db.prepare(
      `INSERT INTO suggestion_feedback (id, conversation_id, message_id, rule_id, verdict, text, agent_name, client_time, created_at) VALUES (?, 'line:U1', 'm1', ?, ?, '運費多少', ?, 1, 1)`,
    );
    insert.run('f1', 'shipping-fee', 'accepted', 'Amy');
    insert.run('f2', 'shipping-fee', 'rejected', 'Amy');
    insert.run('f3', 'shipping-fee', 'accepted', 'Ben');
    // One verdict of a kind per agent, message and rule.
    expect(() => insert.run('f4', 'shipping-fee', 'accepted', 'Amy')).toThrow(/UNIQUE/);
    expect(() => insert.run('f5', 'shipping-fee', 'perhaps', 'Cat')).toThrow(/CHECK/);
    expect(db.prepare(`SELECT review FROM suggestion_feedback WHERE id = 'f1'`).get()).toEqual({ review: null });
  });
});
