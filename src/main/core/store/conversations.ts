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
  /** Messenger/Instagram: Meta's time of the customer's last message (schema 7). */
  meta_last_customer_message_at: number | null;
  meta_human_agent_allowed: 0 | 1;
  /** Web chat: the visitor's page is connected now. */
  webchat_visitor_online: 0 | 1;
  /** Schema 8: the customer blocked the account (LINE unfollow). */
  blocked: 0 | 1;
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
export function channelFromConversationId(conversationId: string): Channel {
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

/**
 * Meta's window facts from `conversation.replyWindow.payload.meta`. The last customer message only moves
 * forward: a late event (or the fallback in noteMetaCustomerMessage) never reopens a window from an older message.
 */
export function setMetaWindow(
  db: LocalDatabase,
  conversationId: string,
  meta: { lastCustomerMessageAt: number | null; humanAgentAllowed: boolean },
): void {
  statement(
    db,
    `UPDATE conversations SET
       meta_last_customer_message_at = CASE
         WHEN @at IS NULL THEN meta_last_customer_message_at
         WHEN meta_last_customer_message_at IS NULL THEN @at
         ELSE MAX(meta_last_customer_message_at, @at) END,
       meta_human_agent_allowed = @allowed
     WHERE id = @conversationId`,
  ).run({ conversationId, at: meta.lastCustomerMessageAt, allowed: meta.humanAgentAllowed ? 1 : 0 });
}

/**
 * A Messenger/Instagram customer message opens Meta's window at its platform time (`message.received.occurredAt`),
 * even before the relay's `conversation.replyWindow` for it arrives (the human-agent permission is left alone).
 */
export function noteMetaCustomerMessage(db: LocalDatabase, conversationId: string, occurredAt: number): void {
  statement(
    db,
    `UPDATE conversations SET meta_last_customer_message_at = MAX(COALESCE(meta_last_customer_message_at, @at), @at)
     WHERE id = @conversationId AND channel IN ('messenger', 'instagram')`,
  ).run({ conversationId, at: occurredAt });
}

/** Web chat: whether the visitor's page is connected (`conversation.replyWindow.payload.webchat`). */
export function setWebchatVisitorOnline(db: LocalDatabase, conversationId: string, online: boolean): void {
  statement(db, 'UPDATE conversations SET webchat_visitor_online = ? WHERE id = ?').run(online ? 1 : 0, conversationId);
}

export function markConversationRead(db: LocalDatabase, conversationId: string): boolean {
  return statement(db, 'UPDATE conversations SET unread_count = 0 WHERE id = ?').run(conversationId).changes > 0;
}

export function conversationExists(db: LocalDatabase, conversationId: string): boolean {
  return statement(db, 'SELECT 1 FROM conversations WHERE id = ?').get(conversationId) !== undefined;
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
