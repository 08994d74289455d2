import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration008MutationClaims } from '../../../src/relay/store/migrations/008_mutation_claims';
import { migration009ReplyTokenEventTime } from '../../../src/relay/store/migrations/009_reply_token_event_time';
import { newestTokenSync } from '../../../src/relay/store/sqlite-outbound';

describe('relay migration 009 (reply tokens keep their LINE event timestamp)', () => {
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

  it('migrates a v8 store with tokens: each keeps its receive time as its event time, the newest stays newest', () => {
    migrate(db, migration008MutationClaims.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', 'A', 1, 1)`).run();
    const token = db.prepare('INSERT INTO reply_tokens (token, conversation_id, received_at, used_at) VALUES (?, ?, ?, ?)');
    token.run('tok-old', 'line:U1', 1_000, 1_500);
    token.run('tok-new', 'line:U1', 2_000, null);

    expect(migrate(db, migration009ReplyTokenEventTime.version)).toBe(9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT token, received_at, event_timestamp, used_at FROM reply_tokens ORDER BY token').all()).toEqual([
      { token: 'tok-new', received_at: 2_000, event_timestamp: 2_000, used_at: null },
      { token: 'tok-old', received_at: 1_000, event_timestamp: 1_000, used_at: 1_500 },
    ]);
    expect(newestTokenSync(db, 'line:U1')).toEqual({ token: 'tok-new', receivedAt: 2_000, usedAt: null });

    // A token from a later event received earlier (a late delivery of an older event came in after it) is newest
    // by event time, and its window opened at the earlier of the two times.
    db.prepare(`INSERT INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at) VALUES ('tok-late', 'line:U1', 1_800, 3_000, NULL)`).run();
    db.prepare(`INSERT INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at) VALUES ('tok-redelivered', 'line:U1', 9_000, 500, NULL)`).run();
    expect(newestTokenSync(db, 'line:U1')).toEqual({ token: 'tok-late', receivedAt: 1_800, usedAt: null });
  });
});
