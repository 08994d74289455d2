import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration013Media } from '../../../src/relay/store/migrations/013_media';
import { useTempRelayDb } from './temp-relay-db';

describe('relay migration 013 (the media download queue and stored content)', () => {
  const temp = useTempRelayDb();

  it('migrates a store with conversations and events, keeping them, and adds media_items', () => {
    const db = temp.db();
    migrate(db, migration013Media.version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, account_id, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', '', 'U1', 'A', 1, 1)`).run();
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('message.received', 'line:U1', 5, '{}')`).run();

    expect(migrate(db, migration013Media.version)).toBe(migration013Media.version);
    expect(schemaVersion(db)).toBe(migration013Media.version);
    expect(db.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'line:U1' }]);
    expect(db.prepare('SELECT seq, type FROM events').all()).toEqual([{ seq: 1, type: 'message.received' }]);

    const insert = db.prepare(
      `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, next_attempt_at, created_at, updated_at)
       VALUES (?, 'line:U1', 'line', ?, 'image', 'line', ?, 'pending', 0, 1, 1)`,
    );
    insert.run('m1', '100', '100');
    // One row per message's content: a redelivered message cannot queue a second download.
    expect(() => insert.run('m2', '100', '100')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare(
        `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, next_attempt_at, created_at, updated_at)
         VALUES ('m3', 'line:U1', 'line', '101', 'image', 'line', '101', 'half-written', 0, 1, 1)`,
      ).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(
        `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, next_attempt_at, created_at, updated_at)
         VALUES ('m4', 'line:nobody', 'line', '102', 'image', 'line', '102', 'pending', 0, 1, 1)`,
      ).run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
