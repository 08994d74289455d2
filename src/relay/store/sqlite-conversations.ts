import type Database from 'better-sqlite3';
import type { RelayEvent } from '../../shared/protocol';
import type { ConversationRecord, LineProfileRecord } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { friendIdSync } from './sqlite-outbound';

export function getConversationSync(db: Database.Database, conversationId: string): ConversationRecord | null {
  const row = db.prepare('SELECT id, channel, friend_id, display_name, picture_url FROM conversations WHERE id = ?').get(conversationId) as
    | { id: string; channel: 'line'; friend_id: string; display_name: string; picture_url: string | null }
    | undefined;
  if (!row) return null;
  return { id: row.id, channel: row.channel, friendId: row.friend_id, displayName: row.display_name, pictureUrl: row.picture_url };
}

/** Saves the profile and, when the conversation's name or picture changed, appends conversation.upserted. */
export function applyLineProfileSync(db: Database.Database, profile: LineProfileRecord, conversationId: string): RelayEvent[] {
  db.prepare(
    `INSERT INTO line_profiles (user_id, display_name, picture_url, status_message, language, fetched_at)
     VALUES (@userId, @displayName, @pictureUrl, @statusMessage, @language, @fetchedAt)
     ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, picture_url = excluded.picture_url,
       status_message = excluded.status_message, language = excluded.language, fetched_at = excluded.fetched_at`,
  ).run(profile);
  const changed = db
    .prepare(
      `UPDATE conversations SET display_name = ?, picture_url = ?, updated_at = ?
       WHERE id = ? AND (display_name IS NOT ? OR picture_url IS NOT ?)`,
    )
    .run(profile.displayName, profile.pictureUrl, profile.fetchedAt, conversationId, profile.displayName, profile.pictureUrl);
  if (changed.changes === 0) return [];
  return appendEventsSync(db, [
    {
      type: 'conversation.upserted',
      conversationId,
      occurredAt: profile.fetchedAt,
      payload: { channel: 'line', friendId: friendIdSync(db, conversationId), displayName: profile.displayName, pictureUrl: profile.pictureUrl },
    },
  ]);
}

export function getLineProfileSync(db: Database.Database, userId: string): LineProfileRecord | null {
  const row = db
    .prepare(
      `SELECT user_id AS userId, display_name AS displayName, picture_url AS pictureUrl,
              status_message AS statusMessage, language, fetched_at AS fetchedAt
       FROM line_profiles WHERE user_id = ?`,
    )
    .get(userId) as LineProfileRecord | undefined;
  return row ?? null;
}
