import type Database from 'better-sqlite3';
import type { NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { LineIngestBody, LineIngestItem, LineIngestOutcome, LineIngestResult } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { hasUsableToken } from '../../shared/delivery/policy';
import { newestTokenSync } from './sqlite-outbound';
import { statement } from './statements';

/**
 * Stores one webhook body's events (already ordered by timestamp) in the caller's transaction:
 * dedupe by webhookEventId, create conversations, keep reply tokens (with their event timestamps), append the events.
 */
export function recordLineEventsSync(
  db: Database.Database,
  items: readonly LineIngestItem[],
  receivedAt: number,
): LineIngestResult {
  const markSeen = statement(
    db,
    'INSERT OR IGNORE INTO line_webhook_events (webhook_event_id, event_type, received_at) VALUES (?, ?, ?)',
  );
  const findConversation = statement(db, 'SELECT id FROM conversations WHERE id = ?');
  const findProfile = statement(db, 'SELECT display_name, picture_url FROM line_profiles WHERE user_id = ?');
  const insertConversation = statement(
    db,
    `INSERT INTO conversations (id, channel, friend_id, display_name, picture_url, created_at, updated_at)
     VALUES (?, 'line', ?, ?, ?, ?, ?)`,
  );
  const insertToken = statement(
    db,
    `INSERT OR IGNORE INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at)
     VALUES (?, ?, ?, ?, NULL)`,
  );
  // Only a newer message replaces the kept token: a late, older event must not undo a newer one.
  const keepReadToken = statement(
    db,
    `INSERT INTO mark_as_read_tokens (conversation_id, token, message_timestamp, received_at, used_at)
     VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (conversation_id) DO UPDATE SET token = excluded.token, message_timestamp = excluded.message_timestamp,
       received_at = excluded.received_at, used_at = NULL
     WHERE excluded.message_timestamp >= mark_as_read_tokens.message_timestamp AND excluded.token <> mark_as_read_tokens.token`,
  );

  const appended: RelayEvent[] = [];
  const withNewToken = new Set<string>();
  const profileCandidates = new Map<string, string>();
  let duplicates = 0;

  for (const item of items) {
    if (markSeen.run(item.dedupeKey, item.eventType, receivedAt).changes === 0) {
      duplicates += 1;
      continue;
    }
    const pending: NewRelayEvent[] = [];
    const conversation = item.conversation;
    let conversationExists = conversation !== null && findConversation.get(conversation.id) !== undefined;

    if (conversation && item.upsertConversation && !conversationExists) {
      // A cached profile (from an earlier conversation, or another relay process) beats the placeholder.
      const cached = conversation.profileUserId
        ? (findProfile.get(conversation.profileUserId) as { display_name: string; picture_url: string | null } | undefined)
        : undefined;
      const displayName = cached?.display_name ?? conversation.placeholderName;
      const pictureUrl = cached?.picture_url ?? null;
      insertConversation.run(conversation.id, conversation.friendId, displayName, pictureUrl, receivedAt, receivedAt);
      conversationExists = true;
      pending.push({
        type: 'conversation.upserted',
        conversationId: conversation.id,
        occurredAt: item.timestamp,
        payload: { channel: 'line', friendId: conversation.friendId, displayName, pictureUrl },
      });
    }

    const tokenStored =
      conversation !== null && conversationExists && item.replyToken !== null
        ? insertToken.run(item.replyToken, conversation.id, receivedAt, item.timestamp).changes === 1
        : false;
    // The token opens a reply window only if it is now the conversation's newest (latest event timestamp) and is
    // still fresh counted from its event: a redelivered or late event is stored but announces no window, so the
    // desktop's countdown never shows one for a dead token and held replies wait for a usable one.
    const newest = tokenStored && conversation ? newestTokenSync(db, conversation.id) : null;
    const windowOpenedAt =
      newest !== null && newest.token === item.replyToken && hasUsableToken(newest, receivedAt) ? newest.receivedAt : null;

    if (conversation && conversationExists && item.message?.markAsReadToken) {
      keepReadToken.run(conversation.id, item.message.markAsReadToken, item.timestamp, receivedAt);
    }
    if (conversation && item.message) {
      pending.push({
        type: 'message.received',
        conversationId: conversation.id,
        occurredAt: item.timestamp,
        payload: {
          messageId: item.message.messageId,
          friendId: conversation.friendId,
          kind: item.message.kind,
          text: item.message.text,
          replyTokenReceivedAt: windowOpenedAt,
        },
      });
    }
    if (conversation && windowOpenedAt !== null) {
      withNewToken.add(conversation.id);
      pending.push({
        type: 'conversation.replyWindow',
        conversationId: conversation.id,
        occurredAt: receivedAt,
        payload: { tokenReceivedAt: windowOpenedAt },
      });
    }
    if (item.channelEvent) {
      pending.push({
        type: 'channel.event',
        ...(conversation && conversationExists ? { conversationId: conversation.id } : {}),
        occurredAt: item.timestamp,
        payload: { channel: 'line', eventType: item.channelEvent.eventType, summary: item.channelEvent.summary },
      });
    }
    if (conversation?.profileUserId && conversationExists) {
      profileCandidates.set(conversation.profileUserId, conversation.id);
    }
    appended.push(...appendEventsSync(db, pending));
  }

  return {
    appended,
    duplicates,
    conversationsWithNewToken: [...withNewToken],
    profileCandidates: [...profileCandidates].map(([userId, conversationId]) => ({ userId, conversationId })),
  };
}

/** One savepoint-wrapped body writer per connection (better-sqlite3 nests a transaction as a SAVEPOINT). */
const bodyWriters = new WeakMap<Database.Database, (body: LineIngestBody) => LineIngestResult>();

/**
 * Stores several webhook bodies in the caller's transaction (group commit), each in its own savepoint:
 * a body that throws is rolled back alone and reported as failed; the others are kept, in order.
 */
export function recordLineEventGroupSync(db: Database.Database, bodies: readonly LineIngestBody[]): LineIngestOutcome[] {
  let writeBody = bodyWriters.get(db);
  if (!writeBody) {
    writeBody = db.transaction((body: LineIngestBody) => recordLineEventsSync(db, body.items, body.receivedAt));
    bodyWriters.set(db, writeBody);
  }
  const write = writeBody;
  return bodies.map((body): LineIngestOutcome => {
    try {
      return { ok: true, result: write(body) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}
