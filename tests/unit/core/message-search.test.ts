import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { deleteMessage, insertMessageIfNew } from '../../../src/main/core/store/messages';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration003Tags } from '../../../src/main/core/store/migrations/003_tags';
import { migration004MessageSearch } from '../../../src/main/core/store/migrations/004_message_search';
import { searchMessages, snippetAround } from '../../../src/main/core/store/search';

function addMessage(db: Database.Database, id: string, text: string, createdAt: number): void {
  insertMessageIfNew(db, {
    id,
    serverId: id,
    conversationId: 'line:Ua',
    direction: 'in',
    kind: 'text',
    text,
    createdAt,
    author: null,
    delivery: null,
    deliveryReason: null,
    mutationId: null,
  });
}

describe('local store migration 002 (message search)', () => {
  it('migrates a version-1 store with messages in it and indexes them', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration003Tags.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:Ua', 'line', 'Ua', '林小姐', 1)`).run();
    db.prepare(
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at) VALUES ('m1', 'm1', 'line:Ua', 'in', 'text', '請問碎花洋裝還有貨嗎', 1)`,
    ).run();
    expect(migrateLocalStore(db, migration004MessageSearch.version)).toBe(migration004MessageSearch.version);
    expect(localSchemaVersion(db)).toBe(migration004MessageSearch.version);
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 1 });
    expect(searchMessages(db, { query: '碎花洋', limit: 10 }).map((hit) => hit.messageId)).toEqual(['m1']);
    db.close();
  });
});

describe('searchMessages', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrateLocalStore(db);
    upsertConversation(db, { id: 'line:Ua', channel: 'line', friendId: 'Ua', displayName: '林小姐', pictureUrl: null }, 0);
    addMessage(db, 'm1', '請問這件碎花洋裝還有 M 號嗎？', 1_000);
    addMessage(db, 'm2', '洋裝收到了，很喜歡', 2_000);
    addMessage(db, 'm3', 'Can I pick up at 7-ELEVEN?', 3_000);
    addMessage(db, 'm4', '運費怎麼算', 4_000);
  });
  afterEach(() => db.close());

  const ids = (query: string) => searchMessages(db, { query, limit: 10 }).map((hit) => hit.messageId);

  it('finds Chinese substrings of 3+ characters inside words, newest first', () => {
    expect(ids('碎花洋裝')).toEqual(['m1']);
    expect(ids('花洋裝')).toEqual(['m1']);
    expect(ids('很喜歡')).toEqual(['m2']);
  });

  it('finds 1–2 character queries too (bounded scan), and Latin text case-insensitively', () => {
    expect(ids('洋裝')).toEqual(['m2', 'm1']);
    expect(ids('運')).toEqual(['m4']);
    expect(ids('eleven')).toEqual(['m3']);
    expect(ids('%')).toEqual([]); // LIKE wildcards are literal characters here
  });

  it('treats FTS syntax in the query as text', () => {
    expect(ids('"洋裝')).toEqual([]);
    expect(ids('M 號 OR')).toEqual([]);
  });

  it('highlights every match in the snippet and names the conversation', () => {
    const [hit] = searchMessages(db, { query: '洋裝', limit: 1 });
    expect(hit).toMatchObject({ conversationName: '林小姐', snippet: '洋裝收到了，很喜歡', highlights: [{ start: 0, end: 2 }] });
    const long = snippetAround(`${'很'.repeat(40)}洋裝${'好'.repeat(40)}`, '洋裝');
    expect(long.snippet.startsWith('…')).toBe(true);
    expect(long.snippet.slice(long.highlights[0]!.start, long.highlights[0]!.end)).toBe('洋裝');
  });

  it('keeps the index in step when messages are deleted', () => {
    deleteMessage(db, 'm1');
    expect(ids('碎花洋裝')).toEqual([]);
  });
});
