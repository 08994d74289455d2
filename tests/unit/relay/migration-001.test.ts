import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../../../src/relay/store/migrate';

describe('relay migration 001 (initial schema)', () => {
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

  const tables = () =>
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(
      (row) => row.name,
    );

  it('migrates an empty database (version 0) to version 1 with every table', () => {
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
    expect(tables()).toEqual([
      'agent_tokens',
      'conversations',
      'events',
      'line_profiles',
      'line_webhook_events',
      'mutations',
      'outbound_messages',
      'relay_meta',
      'reply_tokens',
    ]);
  });

  it('keeps data and is a no-op when run again', () => {
    migrate(db, 1);
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('channel.event', NULL, 1, '{}')`).run();
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
  });

  it('enforces the delivery and role vocabularies', () => {
    migrate(db, 1);
    db.prepare(`INSERT INTO conversations VALUES ('line:U1', 'line', 'U1', 'x', NULL, 1, 1)`).run();
    expect(() =>
      db.prepare(`INSERT INTO outbound_messages VALUES ('m', 'mu', 'line:U1', 't', 'a', 'teleported', NULL, NULL, 1, 1)`).run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO agent_tokens VALUES ('h', 'n', 'admin', 1, NULL)`).run()).toThrow(/CHECK/);
  });

  it('refuses a database from a newer relay', () => {
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer than this relay understands/);
  });
});
