import type { Channel } from '../../../shared/protocol';
import type { ProfileRecord } from '../channel-store-types';
import type { ConversationRecord } from '../relay-store';
import { MEMBER_PROFILE_PREFIX, memberUpsertedEvent } from '../sqlite-conversations';
import { LOCKS, type PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-conversations.ts. */
interface ConversationRow {
  id: string;
  channel: Channel;
  account_id: string;
  friend_id: string;
  display_name: string;
  picture_url: string | null;
}

export async function getConversation(tx: PgTx, conversationId: string): Promise<ConversationRecord | null> {
  const row = await tx.row<ConversationRow>(
    'SELECT id, channel, account_id, friend_id, display_name, picture_url FROM conversations WHERE id = $1',
    [conversationId],
  );
  if (!row) return null;
  return { id: row.id, channel: row.channel, accountId: row.account_id, friendId: row.friend_id, displayName: row.display_name, pictureUrl: row.picture_url };
}

export async function conversationExists(tx: PgTx, conversationId: string): Promise<boolean> {
  return (await tx.row('SELECT 1 FROM conversations WHERE id = $1', [conversationId])) !== undefined;
}

export async function friendIdOf(tx: PgTx, conversationId: string): Promise<string> {
  const row = await tx.row<{ friend_id: string }>('SELECT friend_id FROM conversations WHERE id = $1', [conversationId]);
  if (!row) throw new Error(`No conversation ${conversationId}`);
  return row.friend_id;
}

/**
 * See sqlite-conversations.ts applyProfileSync: a failed lookup is only remembered; a changed name is announced. A
 * group member's profile is compared with the one stored before under its own lock, so two relays refreshing it at
 * once announce a change once.
 */
export async function applyProfile(tx: PgTx, profile: ProfileRecord, conversationId: string): Promise<void> {
  const member = profile.profileKey.startsWith(MEMBER_PROFILE_PREFIX);
  if (member) await tx.lock(LOCKS.profile(profile.channel, profile.profileKey));
  const previous = member ? await getProfile(tx, profile.channel, profile.profileKey) : null;
  await tx.run(
    `INSERT INTO profiles (channel, profile_key, display_name, picture_url, status_message, language, fetched_at, failed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (channel, profile_key) DO UPDATE SET
       display_name = CASE WHEN excluded.failed = 1 THEN profiles.display_name ELSE excluded.display_name END,
       picture_url = CASE WHEN excluded.failed = 1 THEN profiles.picture_url ELSE excluded.picture_url END,
       status_message = CASE WHEN excluded.failed = 1 THEN profiles.status_message ELSE excluded.status_message END,
       language = CASE WHEN excluded.failed = 1 THEN profiles.language ELSE excluded.language END,
       fetched_at = excluded.fetched_at, failed = excluded.failed`,
    [profile.channel, profile.profileKey, profile.displayName, profile.pictureUrl, profile.statusMessage, profile.language, profile.fetchedAt, profile.failed ? 1 : 0],
  );
  if (profile.failed) return;
  if (member) {
    const event = memberUpsertedEvent(profile, previous, conversationId);
    if (event) tx.emit([event]);
    return;
  }
  const changed = await tx.row<{ channel: Channel; friend_id: string }>(
    `UPDATE conversations SET display_name = $1, picture_url = $2, updated_at = $3
     WHERE id = $4 AND (display_name IS DISTINCT FROM $1 OR picture_url IS DISTINCT FROM $2)
     RETURNING channel, friend_id`,
    [profile.displayName, profile.pictureUrl, profile.fetchedAt, conversationId],
  );
  if (!changed) return;
  tx.emit([
    {
      type: 'conversation.upserted',
      conversationId,
      occurredAt: profile.fetchedAt,
      payload: { channel: changed.channel, friendId: changed.friend_id, displayName: profile.displayName, pictureUrl: profile.pictureUrl },
    },
  ]);
}

export async function getProfile(tx: PgTx, channel: Channel, profileKey: string): Promise<ProfileRecord | null> {
  const row = await tx.row<Omit<ProfileRecord, 'failed'> & { failed: number }>(
    `SELECT channel, profile_key AS "profileKey", display_name AS "displayName", picture_url AS "pictureUrl",
            status_message AS "statusMessage", language, fetched_at AS "fetchedAt", failed
     FROM profiles WHERE channel = $1 AND profile_key = $2`,
    [channel, profileKey],
  );
  return row ? { ...row, failed: row.failed === 1 } : null;
}

export async function lastCustomerMessageAt(tx: PgTx, conversationId: string): Promise<number | null> {
  const row = await tx.row<{ last_customer_message_at: number }>(
    'SELECT last_customer_message_at FROM delivery_windows WHERE conversation_id = $1',
    [conversationId],
  );
  return row?.last_customer_message_at ?? null;
}
