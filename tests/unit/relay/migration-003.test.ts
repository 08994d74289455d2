import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration002PushAndQuota } from '../../../src/relay/store/migrations/002_push_and_quota';
import { migration003RulesAndPresence } from '../../../src/relay/store/migrations/003_rules_and_presence';

describe('relay migration 003 (rules and presence)', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-migration-003-'));
    db = new Database(join(dir, 'relay.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a version-2 store with data, keeping every row', () => {
    migrate(db, migration002PushAndQuota.version);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', '陳小姐', NULL, 1, 1)`).run();
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('channel.event', NULL, 1, '{}')`).run();
    db.prepare(`INSERT INTO mutations VALUES ('m1', 'reply.send', 'Amy', 'done', '{}', 1, 1)`).run();

    expect(migrate(db, migration003RulesAndPresence.version)).toBe(migration003RulesAndPresence.version);
    expect(db.prepare('SELECT display_name FROM conversations').get()).toEqual({ display_name: '陳小姐' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM mutations').get()).toEqual({ n: 1 });

    db.prepare(`INSERT INTO rules_versions VALUES (1, '[]', 'Amy', 2)`).run();
    expect(() => db.prepare(`INSERT INTO rules_versions VALUES (1, '[]', 'Bo', 3)`).run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare(`INSERT INTO agent_presence VALUES ('h', 'Amy', 'line:U1', 1, 1, 2)`).run();
    expect(() => db.prepare(`INSERT INTO agent_presence VALUES ('h2', 'Bo', NULL, 2, 1, 2)`).run()).toThrow(/CHECK/);
    expect(schemaVersion(db)).toBe(migration003RulesAndPresence.version);
  });
});
