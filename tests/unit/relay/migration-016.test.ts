import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration016WebchatUploads } from '../../../src/relay/store/migrations/016_webchat_uploads';
import { mediaBytesStoredSync } from '../../../src/relay/store/sqlite-media';
import { useTempRelayDb } from './temp-relay-db';

describe('relay migration 016 (web chat visitors’ uploads)', () => {
  const temp = useTempRelayDb();

  it('migrates a store with stored media: its storage use stays, and visitors’ uploads count against it', () => {
    const db = temp.db();
    const version = migration016WebchatUploads.version;
    migrate(db, version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, account_id, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', '', 'U1', '陳小姐', 1, 1)`).run();
    db.prepare(
      `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, next_attempt_at, size, created_at, updated_at)
       VALUES ('m_1', 'line:U1', 'line', '100', 'image', 'line', '100', 'stored', 0, 700, 1, 1)`,
    ).run();

    expect(migrate(db, version)).toBe(version);
    expect(schemaVersion(db)).toBe(version);
    expect(mediaBytesStoredSync(db)).toBe(700);
    const insert = db.prepare(
      `INSERT INTO webchat_uploads (visitor_id, upload_id, media_id, address, kind, content_type, size, file_name, created_at) VALUES (?, ?, ?, '127.0.0.1', ?, 'image/png', 300, 'a.png', 5)`,
    );
    insert.run('visitor-a', 'up-1', 'w_1', 'image');
    insert.run('visitor-b', 'up-1', 'w_2', 'file'); // the same upload id of another visitor is another upload
    expect(mediaBytesStoredSync(db)).toBe(1300);
    expect(() => insert.run('visitor-a', 'up-1', 'w_3', 'image')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('visitor-a', 'up-2', 'w_4', 'video')).toThrow(/CHECK/);
  });
});
