import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration004Tags } from '../../../src/relay/store/migrations/004_tags';
import { migration005ReadAndTyping } from '../../../src/relay/store/migrations/005_read_and_typing';

describe('relay migration 005 (read receipts and typing indicator)', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-migration-004-'));
    db = new Database(join(dir, 'relay.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a version-3 store with data, keeping every row', () => {
    migrate(db, migration004Tags.version);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', '陳小姐', NULL, 1, 1)`).run();
    db.prepare(`INSERT INTO reply_tokens VALUES ('tok', 'line:U1', 5, NULL)`).run();
    db.prepare(`INSERT INTO rules_versions VALUES (1, '[]', 'Amy', 2)`).run();
    db.prepare(`INSERT INTO agent_presence VALUES ('h', 'Amy', 'line:U1', 1, 1, 2)`).run();

    expect(migrate(db, migration005ReadAndTyping.version)).toBe(migration005ReadAndTyping.version);
    expect(db.prepare('SELECT display_name FROM conversations').get()).toEqual({ display_name: '陳小姐' });
    expect(db.prepare('SELECT token, used_at FROM reply_tokens').get()).toEqual({ token: 'tok', used_at: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM rules_versions').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM agent_presence').get()).toEqual({ n: 1 });

    db.prepare(`INSERT INTO mark_as_read_tokens VALUES ('line:U1', 'read-1', 10, 11, NULL)`).run();
    // One kept token per conversation.
    expect(() => db.prepare(`INSERT INTO mark_as_read_tokens VALUES ('line:U1', 'read-2', 12, 13, NULL)`).run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare(`INSERT INTO loading_indicators VALUES ('line:U1', 20)`).run();
    expect(db.prepare('SELECT started_at FROM loading_indicators').get()).toEqual({ started_at: 20 });
    expect(schemaVersion(db)).toBe(migration005ReadAndTyping.version);
  });
});
