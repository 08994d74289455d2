import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration005ReadAndTyping } from '../../../src/relay/store/migrations/005_read_and_typing';
import { migration006UnconfirmedSends } from '../../../src/relay/store/migrations/006_unconfirmed_sends';

describe('relay migration 006 (index of replies still sending)', () => {
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

  it('migrates a store with replies in it from the previous version and keeps them', () => {
    migrate(db, migration005ReadAndTyping.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', 'A', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, created_at, updated_at)
       VALUES (?, ?, 'line:U1', 'hi', 'Amy', ?, 1, ?)`,
    );
    insert.run('m1', 'u1', 'sending', 5);
    insert.run('m2', 'u2', 'sent_free', 6);

    expect(migrate(db, migration006UnconfirmedSends.version)).toBe(migration006UnconfirmedSends.version);
    expect(schemaVersion(db)).toBe(migration006UnconfirmedSends.version);
    expect(db.prepare('SELECT message_id, delivery FROM outbound_messages ORDER BY message_id').all()).toEqual([
      { message_id: 'm1', delivery: 'sending' },
      { message_id: 'm2', delivery: 'sent_free' },
    ]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM outbound_messages WHERE delivery = 'sending' AND updated_at < ? LIMIT 1`)
      .all(10) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('outbound_messages_sending');
  });
});
