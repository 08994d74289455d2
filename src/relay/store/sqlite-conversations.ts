import type Database from 'better-sqlite3';
import type { Channel, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { ProfileRecord } from './channel-store-types';
import type { ConversationRecord } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';

interface ConversationRow {
  id: string;
  channel: Channel;
  account_id: string;
  friend_id: string;
  display_name: string;
  picture_url: string | null;
}

export function getConversationSync(db: Database.Database, conversationId: string): ConversationRecord | null {
  const row = db
    .prepare('SELECT id, channel, account_id, friend_id, display_name, picture_url FROM conversations WHERE id = ?')
    .get(conversationId) as ConversationRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    channel: row.channel,
    accountId: row.account_id,
    friendId: row.friend_id,
    displayName: row.display_name,
    pictureUrl: row.picture_url,
  };
}

/**
 * Saves the profile and, when the conversation's name or picture changed, appends conversation.upserted.
 * A failed lookup is only remembered (so it is not retried at once): the conversation keeps its name.
 */
export function applyProfileSync(db: Database.Database, profile: ProfileRecord, conversationId: string): RelayEvent[] {
  const previous = getProfileSync(db, profile.channel, profile.profileKey);
  db.prepare(
    `INSERT INTO profiles (channel, profile_key, display_name, picture_url, status_message, language, fetched_at, failed)
     VALUES (@channel, @profileKey, @displayName, @pictureUrl, @statusMessage, @language, @fetchedAt, @failed)
     ON CONFLICT (channel, profile_key) DO UPDATE SET
       display_name = CASE WHEN excluded.failed = 1 THEN profiles.display_name ELSE excluded.display_name END,
       picture_url = CASE WHEN excluded.failed = 1 THEN profiles.picture_url ELSE excluded.picture_url END,
       status_message = CASE WHEN excluded.failed = 1 THEN profiles.status_message ELSE excluded.status_message END,
       language = CASE WHEN excluded.failed = 1 THEN profiles.language ELSE excluded.language END,
       fetched_at = excluded.fetched_at, failed = excluded.failed`,
  ).run({ ...profile, failed: profile.failed ? 1 : 0 });
  if (profile.failed) return [];
  if (profile.profileKey.startsWith(MEMBER_PROFILE_PREFIX)) return applyMemberProfileSync(db, profile, previous, conversationId);
  const changed = db
    .prepare(
      `UPDATE conversations SET display_name = ?, picture_url = ?, updated_at = ?
       WHERE id = ? AND (display_name IS NOT ? OR picture_url IS NOT ?)`,
    )
    .run(profile.displayName, profile.pictureUrl, profile.fetchedAt, conversationId, profile.displayName, profile.pictureUrl);
  if (changed.changes === 0) return [];
  const conversation = getConversationSync(db, conversationId);
  if (!conversation) return [];
  return appendEventsSync(db, [
    {
      type: 'conversation.upserted',
      conversationId,
      occurredAt: profile.fetchedAt,
      payload: { channel: conversation.channel, friendId: conversation.friendId, displayName: profile.displayName, pictureUrl: profile.pictureUrl },
    },
  ]);
}

export function getProfileSync(db: Database.Database, channel: Channel, profileKey: string): ProfileRecord | null {
  const row = db
    .prepare(
      `SELECT channel, profile_key AS profileKey, display_name AS displayName, picture_url AS pictureUrl,
              status_message AS statusMessage, language, fetched_at AS fetchedAt, failed
       FROM profiles WHERE channel = ? AND profile_key = ?`,
    )
    .get(channel, profileKey) as (Omit<ProfileRecord, 'failed'> & { failed: number }) | undefined;
  return row ? { ...row, failed: row.failed === 1 } : null;
}

/** The customer's last message time (platform clock) for channels whose window runs from it; null if none. */
export function lastCustomerMessageAtSync(db: Database.Database, conversationId: string): number | null {
  const row = db.prepare('SELECT last_customer_message_at FROM delivery_windows WHERE conversation_id = ?').get(conversationId) as
    | { last_customer_message_at: number }
    | undefined;
  return row?.last_customer_message_at ?? null;
}

/** Profile keys of group and room members (`member:<container>:<user>`): they name a line's writer, not the conversation. */
export const MEMBER_PROFILE_PREFIX = 'member:';

function applyMemberProfileSync(db: Database.Database, profile: ProfileRecord, previous: ProfileRecord | null, conversationId: string): RelayEvent[] {
  const event = memberUpsertedEvent(profile, previous, conversationId);
  return event ? appendEventsSync(db, [event]) : [];
}

/** conversation.memberUpserted when a member's name or picture is new or changed (compared with the profile stored before), else null. */
export function memberUpsertedEvent(profile: ProfileRecord, previous: ProfileRecord | null, conversationId: string): NewRelayEvent | null {
  const unchanged = previous && !previous.failed && previous.displayName === profile.displayName && previous.pictureUrl === profile.pictureUrl;
  if (unchanged) return null;
  const memberId = profile.profileKey.slice(profile.profileKey.lastIndexOf(':') + 1);
  return {
    type: 'conversation.memberUpserted',
    conversationId,
    occurredAt: profile.fetchedAt,
    payload: { memberId, displayName: profile.displayName, pictureUrl: profile.pictureUrl },
  };
}
