import type Database from 'better-sqlite3';
import type { MessageContent } from '../../shared/protocol/message-content';
import type { OutboundContent } from './media-store-types';
import type { ReplyItem } from './relay-store';
import { statement } from './statements';

/** Agents fetch an uploaded photo or file at the relay's own media route, like customers' content. */
export const uploadMediaIdOf = (publicId: string) => `u_${publicId}`;

/** How every client shows an agent's photo, file or sticker (message.sent `content`). */
export function agentContentOf(content: OutboundContent): MessageContent {
  switch (content.type) {
    case 'image': {
      const url = `/media/${uploadMediaIdOf(content.publicId)}`;
      return { media: { url, contentType: content.contentType, size: content.size, ...(content.previewContentType ? { previewUrl: `${url}/preview` } : {}) } };
    }
    case 'file':
      return {
        media: { url: `/media/${uploadMediaIdOf(content.publicId)}`, contentType: content.contentType, size: content.size },
        file: { name: content.fileName, size: content.size },
      };
    case 'sticker':
      return { sticker: { packageId: content.packageId, stickerId: content.stickerId } };
  }
}

/** The LINE quoteToken of a customer message of the conversation, when it came with one. */
export function quoteTokenOfSync(db: Database.Database, conversationId: string, messageId: string | null | undefined): string | null {
  if (!messageId) return null;
  const row = statement(db, 'SELECT quote_token FROM quote_tokens WHERE conversation_id = ? AND message_id = ?').get(conversationId, messageId) as
    | { quote_token: string }
    | undefined;
  return row?.quote_token ?? null;
}

export function keepQuoteTokenSync(db: Database.Database, conversationId: string, messageId: string, quoteToken: string): void {
  statement(db, 'INSERT OR IGNORE INTO quote_tokens (conversation_id, message_id, quote_token) VALUES (?, ?, ?)').run(conversationId, messageId, quoteToken);
}

/** An outbound_messages row's content and quote, as a ReplyItem carries them. */
export function itemExtrasOfRow(row: { content_json: string | null; quote_token: string | null }): Pick<ReplyItem, 'content' | 'quoteToken'> {
  return {
    content: row.content_json ? (JSON.parse(row.content_json) as OutboundContent) : null,
    quoteToken: row.quote_token,
  };
}
