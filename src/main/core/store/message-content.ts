import { messageContentSchema, type MediaRef, type MediaUnavailableReason, type MessageContent } from '../../../shared/protocol/message-content';
import type { LocalDatabase } from './database';
import { statement } from './statements';

/**
 * The content of customers' messages in the local store (schema 9): photos, files, stickers, locations, group
 * senders, quotes; content the relay stored, or why it will not come; messages the customer unsent.
 */

/** The content part of a message.received payload, as stored in messages.content_json (null when there is none). */
export function contentJsonOf(payload: Record<string, unknown>): string | null {
  const content = messageContentSchema.safeParse(payload);
  if (!content.success) return null;
  const defined = Object.fromEntries(Object.entries(content.data).filter(([, value]) => value !== undefined));
  return Object.keys(defined).length > 0 ? JSON.stringify(defined) : null;
}

export function parseContentJson(json: string | null): MessageContent | null {
  if (json === null) return null;
  try {
    const parsed = messageContentSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The relay stored the content of a customer's message: where to fetch it. */
export function setMessageMedia(db: LocalDatabase, messageId: string, media: MediaRef): boolean {
  return (
    statement(
      db,
      `UPDATE messages SET content_json = json_set(COALESCE(content_json, '{}'), '$.media', json(?)), media_unavailable = NULL
       WHERE server_id = ? AND withdrawn = 0`,
    ).run(JSON.stringify(media), messageId).changes > 0
  );
}

export function setMediaUnavailable(db: LocalDatabase, messageId: string, reason: MediaUnavailableReason): boolean {
  return statement(db, `UPDATE messages SET media_unavailable = ? WHERE server_id = ? AND withdrawn = 0`).run(reason, messageId).changes > 0;
}

/**
 * The customer unsent a message: it stays as a line saying so, without its words or content (search no longer
 * finds it). Returns the content it had, so what was cached of it can be dropped too.
 */
export function withdrawMessage(
  db: LocalDatabase,
  conversationId: string,
  messageId: string,
  notice: string,
): MessageContent | null | undefined {
  const row = statement(db, `SELECT content_json, text, created_at FROM messages WHERE server_id = ? AND conversation_id = ? AND withdrawn = 0`).get(
    messageId,
    conversationId,
  ) as { content_json: string | null; text: string; created_at: number } | undefined;
  if (!row) return undefined;
  // The inbox list must not keep showing the words either.
  statement(
    db,
    `UPDATE conversations SET last_message_preview = ? WHERE id = ? AND last_message_at = ? AND last_message_preview = ? AND last_message_direction = 'in'`,
  ).run(notice, conversationId, row.created_at, row.text);
  statement(db, `UPDATE messages SET text = '', content_json = NULL, media_unavailable = NULL, withdrawn = 1 WHERE server_id = ? AND conversation_id = ?`).run(
    messageId,
    conversationId,
  );
  return parseContentJson(row.content_json);
}

export function setConversationBlocked(db: LocalDatabase, conversationId: string, blocked: boolean): void {
  statement(db, 'UPDATE conversations SET blocked = ? WHERE id = ?').run(blocked ? 1 : 0, conversationId);
}

export function upsertMember(db: LocalDatabase, conversationId: string, member: { memberId: string; displayName: string; pictureUrl: string | null }): void {
  statement(
    db,
    `INSERT INTO conversation_members (conversation_id, member_id, display_name, picture_url) VALUES (?, ?, ?, ?)
     ON CONFLICT (conversation_id, member_id) DO UPDATE SET display_name = excluded.display_name, picture_url = excluded.picture_url`,
  ).run(conversationId, member.memberId, member.displayName, member.pictureUrl);
}

/** Names of these members of the conversation (unknown ones are absent). */
export function memberNames(db: LocalDatabase, conversationId: string, memberIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const find = statement(db, 'SELECT display_name FROM conversation_members WHERE conversation_id = ? AND member_id = ?');
  for (const id of new Set(memberIds)) {
    const row = find.get(conversationId, id) as { display_name: string } | undefined;
    // '' = a member who wrote before their name was looked up.
    if (row?.display_name) names.set(id, row.display_name);
  }
  return names;
}

export interface QuotedMessage {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  text: string;
  withdrawn: boolean;
}

/** The messages these platform ids name in the conversation (what quotes quote). */
export function quotedMessages(db: LocalDatabase, conversationId: string, serverIds: readonly string[]): Map<string, QuotedMessage> {
  const quoted = new Map<string, QuotedMessage>();
  const find = statement(db, 'SELECT id, direction, kind, text, withdrawn FROM messages WHERE server_id = ? AND conversation_id = ?');
  for (const serverId of new Set(serverIds)) {
    const row = find.get(serverId, conversationId) as { id: string; direction: 'in' | 'out'; kind: string; text: string; withdrawn: number } | undefined;
    if (row) quoted.set(serverId, { id: row.id, direction: row.direction, kind: row.kind, text: row.text, withdrawn: row.withdrawn === 1 });
  }
  return quoted;
}

/** The kind an agent's message has locally: its content's (photo, file, sticker), else text. */
export function outgoingKindOf(content: MessageContent | undefined): string {
  if (!content) return 'text';
  if (content.sticker) return 'sticker';
  // The relay names a file (its name goes with it); a photo is media alone.
  if (content.file) return 'file';
  return content.media ? 'image' : 'text';
}

/** The relay's copy of an agent's content replaces the local one (its URL is the relay's); a quote stays. */
export function setOutgoingContent(db: LocalDatabase, id: string, content: MessageContent): void {
  statement(db, `UPDATE messages SET content_json = json_patch(COALESCE(content_json, '{}'), json(?)) WHERE id = ?`).run(JSON.stringify(content), id);
}
