import type { MessageView } from '../../../shared/ipc/views';
import type { LocalDatabase } from './database';
import type { MessageRow } from './messages';
import { memberNames, parseContentJson, quotedMessages } from './message-content';
import { toMessageView } from '../views';

/** A page of message rows as views, with the group members' names and the quoted messages looked up once. */
export function toMessageViews(db: LocalDatabase, conversationId: string, rows: readonly MessageRow[]): MessageView[] {
  const senders: string[] = [];
  const quotes: string[] = [];
  for (const row of rows) {
    if (!row.content_json) continue;
    const content = parseContentJson(row.content_json);
    if (content?.senderId) senders.push(content.senderId);
    if (content?.quotedMessageId) quotes.push(content.quotedMessageId);
  }
  const extras = { memberNames: memberNames(db, conversationId, senders), quoted: quotedMessages(db, conversationId, quotes) };
  return rows.map((row) => toMessageView(row, extras));
}
