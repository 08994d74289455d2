import type { Channel } from '../../../shared/protocol/events';
import { channelFromConversationId } from './conversations';
import type { LocalDatabase } from './database';
import { statement } from './statements';

/** Shortest query the trigram index can answer; shorter ones use the bounded scan. */
export const TRIGRAM_MIN_LENGTH = 3;
/** How many of the newest messages a 1–2 character query scans (LIKE cannot use an index). */
export const SHORT_QUERY_WINDOW = 50_000;
const SNIPPET_RADIUS = 24;

export interface MessageSearchHit {
  messageId: string;
  conversationId: string;
  conversationName: string;
  /** The conversation's channel, for the hit's channel mark. */
  channel: Channel;
  direction: 'in' | 'out';
  createdAt: number;
  /** Part of the text around the first match ("…" where it was cut). */
  snippet: string;
  /** Where the query occurs in `snippet` (UTF-16 offsets), for highlighting. */
  highlights: { start: number; end: number }[];
}

interface HitRow {
  id: string;
  conversation_id: string;
  display_name: string | null;
  channel: Channel | null;
  direction: 'in' | 'out';
  created_at: number;
  text: string;
}

/** FTS5 query syntax for "this exact substring": one double-quoted string, inner quotes doubled. */
function phrase(query: string): string {
  return `"${query.replaceAll('"', '""')}"`;
}

function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Counts characters, not UTF-16 units: "貼圖" is 2 whatever the encoding. */
function characterLength(text: string): number {
  return [...text].length;
}

/**
 * Most recently stored matches first. 3+ characters: the trigram index (any substring, case-insensitive for Latin
 * letters). 1–2 characters: a LIKE scan over the newest SHORT_QUERY_WINDOW messages — bounded, so a
 * one-character query stays fast on a store of a million messages; older matches are not found that way.
 */
export function searchMessages(db: LocalDatabase, input: { query: string; limit: number }): MessageSearchHit[] {
  const query = input.query.trim();
  if (query === '') return [];
  // Both paths walk rowids downwards and stop at `limit` hits: rowid order is the order messages reached
  // this store (sync applies the relay's log in order), so "newest stored first" needs no sort of every
  // match — a common word can match a hundred thousand messages.
  const rows =
    characterLength(query) >= TRIGRAM_MIN_LENGTH
      ? (statement(
          db,
          `SELECT m.id, m.conversation_id, c.display_name, c.channel, m.direction, m.created_at, m.text
           FROM (SELECT rowid AS row FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
           JOIN messages m ON m.rowid = f.row LEFT JOIN conversations c ON c.id = m.conversation_id
           ORDER BY f.row DESC`,
        ).all(phrase(query), input.limit) as HitRow[])
      : (statement(
          db,
          `SELECT m.id, m.conversation_id, c.display_name, c.channel, m.direction, m.created_at, m.text
           FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
           WHERE m.rowid > (SELECT IFNULL(MAX(rowid), 0) FROM messages) - ? AND m.text LIKE ? ESCAPE '\\'
           ORDER BY m.rowid DESC LIMIT ?`,
        ).all(SHORT_QUERY_WINDOW, `%${escapeLike(query)}%`, input.limit) as HitRow[]);
  return rows.map((row) => ({
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationName: row.display_name ?? row.conversation_id,
    channel: row.channel ?? channelFromConversationId(row.conversation_id),
    direction: row.direction,
    createdAt: row.created_at,
    ...snippetAround(row.text, query),
  }));
}

/** A window of the text around the first match, with every match in it marked. */
export function snippetAround(text: string, query: string): { snippet: string; highlights: { start: number; end: number }[] } {
  const lowerText = text.toLowerCase();
  const lowerQuery = query.toLowerCase();
  const first = lowerText.indexOf(lowerQuery);
  const from = first < 0 ? 0 : Math.max(0, first - SNIPPET_RADIUS);
  const to = first < 0 ? Math.min(text.length, SNIPPET_RADIUS * 2) : Math.min(text.length, first + query.length + SNIPPET_RADIUS);
  const prefix = from > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  const highlights: { start: number; end: number }[] = [];
  const window = lowerText.slice(from, to);
  for (let at = window.indexOf(lowerQuery); at >= 0 && lowerQuery.length > 0; at = window.indexOf(lowerQuery, at + lowerQuery.length)) {
    highlights.push({ start: prefix.length + at, end: prefix.length + at + query.length });
  }
  return { snippet, highlights };
}
