import type { Channel } from '../../../shared/protocol/events';
import type { LocalDatabase } from './database';
import { inboxFilterConditions, type InboxFilterInput } from '../tags/inbox-filter';
import { statement } from './statements';

/** Conversation rows as stored: times on the relay clock. */
export interface ConversationRow {
  id: string;
  channel: Channel;
  friend_id: string;
  display_name: string;
  picture_url: string | null;
  last_message_at: number;
  last_message_preview: string;
  last_message_direction: 'in' | 'out' | null;
  unread_count: number;
  reply_window_opened_at: number | null;
}

export interface ConversationProfile {
  id: string;
  channel: Channel;
  friendId: string;
  displayName: string;
  pictureUrl: string | null;
}

const CHANNELS: readonly Channel[] = ['line', 'messenger', 'instagram', 'webchat'];

/** Conversation ids are `<channel>:<id>` (docs/protocol.md); anything else is treated as LINE. */
function channelFromConversationId(conversationId: string): Channel {
  const prefix = conversationId.slice(0, conversationId.indexOf(':'));
  return CHANNELS.find((channel) => channel === prefix) ?? 'line';
}

/** Creates the conversation, or refreshes its profile fields (activity and unread are left alone). */
export function upsertConversation(db: LocalDatabase, profile: ConversationProfile, seenAt: number): void {
  statement(
    db,
    `INSERT INTO conversations (id, channel, friend_id, display_name, picture_url, last_message_at)
     VALUES (@id, @channel, @friendId, @displayName, @pictureUrl, @seenAt)
     ON CONFLICT (id) DO UPDATE SET
       channel = excluded.channel,
       friend_id = excluded.friend_id,
       display_name = excluded.display_name,
       picture_url = excluded.picture_url`,
  ).run({ ...profile, seenAt });
}

/**
 * Makes sure a row exists before a message refers to it. The relay always sends conversation.upserted
 * first; this only guards against a message whose conversation event was lost or is unknown.
 */
export function ensureConversation(db: LocalDatabase, conversationId: string, friendId: string, seenAt: number): void {
  const channel = channelFromConversationId(conversationId);
  statement(
    db,
    `INSERT INTO conversations (id, channel, friend_id, display_name, picture_url, last_message_at)
     VALUES (?, ?, ?, ?, NULL, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(conversationId, channel, friendId, friendId, seenAt);
}

/** Moves the conversation's "last message" forward; an older message never replaces a newer one. */
export function bumpLastMessage(
  db: LocalDatabase,
  conversationId: string,
  message: { at: number; preview: string; direction: 'in' | 'out' },
  unreadIncrement: number,
): void {
  statement(
    db,
    `UPDATE conversations SET
       last_message_preview = CASE WHEN @at >= last_message_at OR last_message_direction IS NULL
         THEN @preview ELSE last_message_preview END,
       last_message_direction = CASE WHEN @at >= last_message_at OR last_message_direction IS NULL
         THEN @direction ELSE last_message_direction END,
       last_message_at = MAX(last_message_at, @at),
       unread_count = unread_count + @unreadIncrement
     WHERE id = @conversationId`,
  ).run({ conversationId, at: message.at, preview: message.preview, direction: message.direction, unreadIncrement });
}

export function setReplyWindowOpenedAt(db: LocalDatabase, conversationId: string, relayTime: number | null): void {
  statement(db, 'UPDATE conversations SET reply_window_opened_at = ? WHERE id = ?').run(relayTime, conversationId);
}

export function markConversationRead(db: LocalDatabase, conversationId: string): boolean {
  return statement(db, 'UPDATE conversations SET unread_count = 0 WHERE id = ?').run(conversationId).changes > 0;
}

export function getConversation(db: LocalDatabase, conversationId: string): ConversationRow | null {
  return (statement(db, 'SELECT * FROM conversations WHERE id = ?').get(conversationId) as ConversationRow | undefined) ?? null;
}

export interface InboxPage {
  rows: ConversationRow[];
  total: number;
}

/** Newest activity first; `before` continues after the last row of the previous page (keyset paging). */
export function listInboxPage(
  db: LocalDatabase,
  options: { limit: number; before: { lastMessageAt: number; id: string } | null; filter?: InboxFilterInput | undefined },
): InboxPage {
  const { conditions, params } = inboxFilterConditions(options.filter);
  const filterSql = conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
  const keyset = options.before ? '((last_message_at < @at) OR (last_message_at = @at AND id < @id))' : '1 = 1';
  const rows = db
    .prepare(`SELECT * FROM conversations WHERE ${keyset} AND ${filterSql} ORDER BY last_message_at DESC, id DESC LIMIT @limit`)
    .all({ ...params, at: options.before?.lastMessageAt ?? 0, id: options.before?.id ?? '', limit: options.limit }) as ConversationRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM conversations WHERE ${filterSql}`).get(params) as { total: number };
  return { rows, total };
}
