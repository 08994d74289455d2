import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration007ChannelWindows } from '../../../src/main/core/store/migrations/007_channel_windows';
import { migration009RichMessages } from '../../../src/main/core/store/migrations/009_rich_messages';
import { getConversation } from '../../../src/main/core/store/conversations';
import { listMessagesPage } from '../../../src/main/core/store/messages';
import { toMessageView } from '../../../src/main/core/views';
import { searchMessages } from '../../../src/main/core/store/search';

describe('local store migration 009 (rich messages, members, media cache)', () => {
  it('migrates a populated version-7 store: messages keep their text and search, nothing is blocked or withdrawn', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration007ChannelWindows.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', '林先生', 5)`).run();
    db.prepare(
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at) VALUES ('m1', 'm1', 'line:U1', 'in', 'sticker', '[貼圖]', 5), ('m2', 'm2', 'line:U1', 'in', 'text', '請問運費多少', 6)`,
    ).run();

    expect(migrateLocalStore(db, migration009RichMessages.version)).toBe(migration009RichMessages.version);
    expect(localSchemaVersion(db)).toBe(migration009RichMessages.version);
    expect(getConversation(db, 'line:U1')).toMatchObject({ blocked: 0 });
    const views = listMessagesPage(db, { conversationId: 'line:U1', limit: 10, before: null }).rows.map((row) => toMessageView(row));
    expect(views.map((m) => [m.id, m.text, m.content, m.withdrawn, m.mediaUnavailable])).toEqual([
      ['m1', '[貼圖]', null, false, null],
      ['m2', '請問運費多少', null, false, null],
    ]);
    expect(searchMessages(db, { query: '運費多', limit: 5 }).map((hit) => hit.messageId)).toEqual(['m2']);
    db.prepare(`INSERT INTO conversation_members VALUES ('line:C1', 'U2', '王小明', NULL)`).run();
    expect(() => db.prepare(`INSERT INTO conversation_members VALUES ('line:C1', 'U2', 'again', NULL)`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`UPDATE messages SET withdrawn = 2`).run()).toThrow(/CHECK/);
    db.close();
  });
});
