import type { Channel } from '../../../shared/protocol/events';
import { INCOMING_PAGE_LIMIT, type IncomingMessage } from '../../../shared/ipc/attention-contract';
import { CHANNEL_EVENT_KIND } from '../../../shared/ipc/views';
import type { LocalDatabase } from './database';
import { statement } from './statements';

/**
 * Queries behind attention:* (notifications, badge, "next unanswered"). The position is the messages
 * table's rowid: it only grows while a store lives, and a reset store starts again below it.
 */

export function latestMessagePosition(db: LocalDatabase): number {
  return (statement(db, 'SELECT COALESCE(MAX(rowid), 0) AS position FROM messages').get() as { position: number }).position;
}

export function unreadTotal(db: LocalDatabase): number {
  return (statement(db, 'SELECT COALESCE(SUM(unread_count), 0) AS total FROM conversations').get() as { total: number }).total;
}

interface IncomingRow {
  id: string;
  conversation_id: string;
  channel: Channel;
  display_name: string;
  text: string;
  created_at: number;
}

export function incomingSince(db: LocalDatabase, after: number | null): { cursor: number; messages: IncomingMessage[] } {
  const cursor = latestMessagePosition(db);
  if (after === null || after > cursor) return { cursor, messages: [] };
  const rows = statement(
    db,
    `SELECT m.id, m.conversation_id, c.channel, c.display_name, m.text, m.created_at
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.rowid > ? AND m.rowid <= ? AND m.direction = 'in' AND m.kind != ? AND c.unread_count > 0
      ORDER BY m.rowid DESC LIMIT ?`,
  ).all(after, cursor, CHANNEL_EVENT_KIND, INCOMING_PAGE_LIMIT) as IncomingRow[];
  return {
    cursor,
    messages: rows.reverse().map((row) => ({
      messageId: row.id,
      conversationId: row.conversation_id,
      channel: row.channel,
      displayName: row.display_name,
      text: row.text,
      createdAt: row.created_at,
    })),
  };
}
