import type { LocalDatabase } from './database';
import { statement } from './statements';

/** The composer's draft for a conversation ('' when there is none). */
export function getDraft(db: LocalDatabase, conversationId: string): { text: string; updatedAt: number | null } {
  const row = statement(db, 'SELECT text, updated_at FROM drafts WHERE conversation_id = ?').get(conversationId) as
    | { text: string; updated_at: number }
    | undefined;
  return row ? { text: row.text, updatedAt: row.updated_at } : { text: '', updatedAt: null };
}

/** Keeps the draft; an empty (or blank) draft removes the row, so old conversations leave nothing behind. */
export function saveDraft(db: LocalDatabase, conversationId: string, text: string, now: number): void {
  if (text.trim() === '') {
    clearDraft(db, conversationId);
    return;
  }
  statement(
    db,
    `INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
  ).run(conversationId, text, now);
}

export function clearDraft(db: LocalDatabase, conversationId: string): void {
  statement(db, 'DELETE FROM drafts WHERE conversation_id = ?').run(conversationId);
}
