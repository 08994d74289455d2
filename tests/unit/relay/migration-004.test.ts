import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration003RulesAndPresence } from '../../../src/relay/store/migrations/003_rules_and_presence';
import { migration004Tags } from '../../../src/relay/store/migrations/004_tags';

describe('relay migration 004 (tags)', () => {
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

  it('adds the tag tables to a populated previous version without touching its data', () => {
    migrate(db, migration003RulesAndPresence.version);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', '王小姐', NULL, 1, 1)`).run();
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('channel.event', 'line:U1', 1, '{}')`).run();
    db.prepare(`INSERT INTO mutations VALUES ('m1', 'reply.send', 'Amy', 'done', '{"ok":true}', 1, 1)`).run();

    expect(migrate(db, migration004Tags.version)).toBe(migration004Tags.version);
    expect(schemaVersion(db)).toBe(migration004Tags.version);
    expect(db.prepare('SELECT display_name FROM conversations').all()).toEqual([{ display_name: '王小姐' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM mutations').get()).toEqual({ n: 1 });

    db.prepare(`INSERT INTO tags VALUES ('vip', 'VIP', 2, 'Amy')`).run();
    db.prepare(`INSERT INTO friend_tags VALUES ('U1', 'vip', 'm2', 'Amy', 2)`).run();
    expect(() => db.prepare(`INSERT INTO friend_tags VALUES ('U1', 'vip', 'm3', 'Amy', 3)`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO friend_tags VALUES ('U1', 'ghost', 'm4', 'Amy', 3)`).run()).toThrow(/FOREIGN KEY/);
  });
});
