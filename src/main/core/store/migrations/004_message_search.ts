import type { Migration } from '../migrate';

/**
 * Schema version 4 of the local store: full-text search over message texts. FTS5 with the `trigram`
 * tokenizer matches any substring of 3+ characters — Chinese has no spaces between words, so word
 * tokenizers would miss "洋裝" inside "碎花洋裝". The index holds only the text (external content: the
 * messages table) and triggers keep it in step; 1–2 character queries cannot use trigrams and are
 * answered by a bounded LIKE scan instead (store/search.ts).
 */
export const migration004MessageSearch: Migration = {
  version: 4,
  name: 'message search',
  up: `
    CREATE VIRTUAL TABLE messages_fts USING fts5(text, content = 'messages', content_rowid = 'rowid', tokenize = 'trigram');
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
  `,
};
