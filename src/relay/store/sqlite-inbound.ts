import type Database from 'better-sqlite3';
import type { NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { InboundBody, InboundItem, InboundOutcome, InboundResult } from './channel-store-types';
import { hasUsableToken } from '../../shared/delivery/policy';
import { appendEventsSync } from './sqlite-event-log';
import { newestTokenSync } from './sqlite-outbound';
import { channelSettingsOf } from './sqlite-window-claims';
import { queueMediaSync, withdrawMediaSync, type QueuedMedia } from './sqlite-media';
import { keepQuoteTokenSync } from './sqlite-outbound-content';
import { statement } from './statements';
import { workflowAfterInboundSync } from './sqlite-workflow';
import { retireTokensOnBlockSync } from './sqlite-blocked-chats';
import { recordConversationMembersSync } from './sqlite-conversation-members';

/** The name an echo (a message the shop sent from the platform's own tools) is shown under. */
export const ECHO_AUTHOR: Record<string, string> = { messenger: 'Messenger', instagram: 'Instagram' };

/**
 * Stores one body's items (already in platform-time order) in the caller's transaction, for every channel:
 * dedupe by the channel-scoped key, create conversations, keep each channel's window signal (LINE reply tokens,
 * Meta's last customer message), append the events.
 */
export function recordInboundSync(db: Database.Database, body: InboundBody): InboundResult {
  const { receivedAt } = body;
  const markSeen = statement(db, 'INSERT OR IGNORE INTO inbound_seen (dedupe_key, channel, event_type, received_at) VALUES (?, ?, ?, ?)');
  const findConversation = statement(db, 'SELECT id FROM conversations WHERE id = ?');
  const findProfile = statement(
    db,
    'SELECT display_name, picture_url FROM profiles WHERE channel = ? AND profile_key = ? AND failed = 0',
  );
  const insertConversation = statement(
    db,
    `INSERT INTO conversations (id, channel, account_id, friend_id, display_name, picture_url, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appended: RelayEvent[] = [];
  const withNewWindow = new Set<string>();
  const profileCandidates = new Map<string, InboundResult['profileCandidates'][number]>();
  let duplicates = 0;
  let mediaQueued = 0;
  const withdrawnMediaIds: string[] = [];

  for (const item of body.items) {
    if (markSeen.run(item.dedupeKey, item.channel, item.eventType, receivedAt).changes === 0) {
      duplicates += 1;
      continue;
    }
    const pending: NewRelayEvent[] = [];
    const conversation = item.conversation;
    let conversationExists = conversation !== null && findConversation.get(conversation.id) !== undefined;

    if (conversation && item.upsertConversation && !conversationExists) {
      // A cached profile (from an earlier conversation, or another relay process) beats the placeholder.
      const cached = conversation.profileKey
        ? (findProfile.get(conversation.channel, conversation.profileKey) as { display_name: string; picture_url: string | null } | undefined)
        : undefined;
      const displayName = cached?.display_name ?? conversation.placeholderName;
      const pictureUrl = cached?.picture_url ?? null;
      const accountId = conversation.channel === 'line' ? '' : conversation.accountId;
      insertConversation.run(conversation.id, conversation.channel, accountId, conversation.customerId, displayName, pictureUrl, receivedAt, receivedAt);
      conversationExists = true;
      pending.push(conversationUpsertedEvent(item, conversation, displayName, pictureUrl));
    }

    const opened = conversation && conversationExists ? keepWindowSync(db, item, conversation.id, receivedAt) : null;
    if (conversation && conversationExists && item.message?.markAsReadToken) {
      keepReadTokenSync(db, conversation.id, item.message.markAsReadToken, item.occurredAt, receivedAt);
    }
    if (conversation && item.message) {
      pending.push(messageReceivedEvent(item, item.message, conversation, opened?.tokenReceivedAt ?? null));
      if (item.message.quoteToken && conversationExists) keepQuoteTokenSync(db, conversation.id, item.message.messageId, item.message.quoteToken);
      const queued = conversationExists ? mediaToQueue(item, item.message, conversation.id, receivedAt) : null;
      if (queued) {
        queueMediaSync(db, queued);
        mediaQueued += 1;
      }
    }
    if (item.withdraw) withdrawnMediaIds.push(...withdrawMediaSync(db, item.channel, item.withdraw.messageId, receivedAt));
    if (conversation && conversationExists && item.echo && !isOwnSendSync(db, conversation.id, item.echo)) {
      pending.push(echoSentEvent(item, item.echo, conversation));
    }
    if (conversation && opened) {
      withNewWindow.add(conversation.id);
      if (opened.event) pending.push(opened.event);
    }
    if (item.channelEvent) pending.push(channelEventOf(item, item.channelEvent, conversation && conversationExists ? conversation.id : null));
    if (conversation && conversationExists) {
      // A customer who blocks the shop can be answered no more: their unused reply tokens are retired now.
      if (item.channel === 'line' && item.channelEvent?.eventType === 'unfollow') {
        pending.push(...retireTokensOnBlockSync(db, conversation.id, item.occurredAt, receivedAt));
      }
      addProfileCandidates(profileCandidates, item, conversation);
      recordConversationMembersSync(db, conversation.id, item);
    }
    const stored = appendEventsSync(db, pending);
    // Reopening and round-robin follow the customer's message in the same transaction (sqlite-workflow.ts).
    appended.push(...stored, ...workflowAfterInboundSync(db, stored, receivedAt));
  }

  return {
    appended,
    duplicates,
    conversationsWithNewWindow: [...withNewWindow],
    profileCandidates: [...profileCandidates.values()],
    mediaQueued,
    withdrawnMediaIds,
  };
}

type Conversation = NonNullable<InboundItem['conversation']>;
type Message = NonNullable<InboundItem['message']>;

/** The pure parts of storing an item, shared with the PostgreSQL twin (postgres/pg-inbound.ts). */
export function conversationUpsertedEvent(item: InboundItem, conversation: Conversation, displayName: string, pictureUrl: string | null): NewRelayEvent {
  return {
    type: 'conversation.upserted',
    conversationId: conversation.id,
    occurredAt: item.occurredAt,
    payload: { channel: conversation.channel, friendId: conversation.customerId, displayName, pictureUrl },
  };
}

export function messageReceivedEvent(item: InboundItem, message: Message, conversation: Conversation, replyTokenReceivedAt: number | null): NewRelayEvent {
  return {
    type: 'message.received',
    conversationId: conversation.id,
    occurredAt: item.occurredAt,
    payload: {
      messageId: message.messageId,
      friendId: conversation.customerId,
      kind: message.kind,
      text: message.text,
      replyTokenReceivedAt,
      ...message.content,
    },
  };
}

/** The content of a customer's message the relay must download, queued with it (null: nothing to fetch). */
export function mediaToQueue(item: InboundItem, message: Message, conversationId: string, now: number): QueuedMedia | null {
  if (!message.download) return null;
  return { conversationId, channel: item.channel, messageId: message.messageId, download: message.download, fileName: message.content?.file?.name ?? null, now };
}

export function echoSentEvent(item: InboundItem, echo: NonNullable<InboundItem['echo']>, conversation: Conversation): NewRelayEvent {
  return {
    type: 'message.sent',
    conversationId: conversation.id,
    occurredAt: item.occurredAt,
    payload: {
      messageId: `echo:${echo.platformMessageId}`,
      mutationId: `echo:${echo.platformMessageId}`,
      text: echo.text,
      agentName: ECHO_AUTHOR[conversation.channel] ?? conversation.channel,
      delivery: 'sent_free',
      reason: null,
    },
  };
}

export function channelEventOf(item: InboundItem, channelEvent: NonNullable<InboundItem['channelEvent']>, conversationId: string | null): NewRelayEvent {
  return {
    type: 'channel.event',
    ...(conversationId !== null ? { conversationId } : {}),
    occurredAt: item.occurredAt,
    payload: {
      channel: item.channel,
      eventType: channelEvent.eventType,
      summary: channelEvent.summary,
      ...(channelEvent.details && Object.keys(channelEvent.details).length > 0 ? { details: channelEvent.details } : {}),
    },
  };
}

/** The conversation's profile and a group member's (the line's writer) may need a refresh: one entry per profile key. */
export function addProfileCandidates(candidates: Map<string, InboundResult['profileCandidates'][number]>, item: InboundItem, conversation: Conversation): void {
  for (const profileKey of [conversation.profileKey, item.memberProfileKey]) {
    if (profileKey) candidates.set(`${conversation.channel}\u0000${profileKey}`, { channel: conversation.channel, profileKey, conversationId: conversation.id });
  }
}

/**
 * Keeps the item's window signal; returns the window event to announce when it opened or moved forward.
 * LINE: an unused token that is the conversation's newest by event time (a redelivered or late event never
 * replaces a fresher one). Meta: a customer message newer than the last one known. Web chat: nothing to keep.
 */
function keepWindowSync(
  db: Database.Database,
  item: InboundItem,
  conversationId: string,
  receivedAt: number,
): { event: NewRelayEvent | null; tokenReceivedAt: number | null } | null {
  const signal = item.window;
  if (!signal) return null;
  // Web chat is always free: a visitor's message only makes the relay look at the conversation (auto-reply).
  if (item.channel === 'webchat') return { event: null, tokenReceivedAt: null };
  if (signal.kind === 'reply_token') {
    const stored = statement(
      db,
      'INSERT OR IGNORE INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at) VALUES (?, ?, ?, ?, NULL)',
    ).run(signal.token, conversationId, receivedAt, item.occurredAt);
    if (stored.changes === 0) return null;
    // The token opens a reply window only if it is now the conversation's newest (latest event timestamp) and is
    // still fresh by its event time: a redelivered or late event keeps its token but announces nothing, so the
    // desktop's countdown never shows one for a dead token and held replies wait for a usable one.
    const newest = newestTokenSync(db, conversationId);
    if (newest === null || newest.token !== signal.token || !hasUsableToken(newest, receivedAt)) return null;
    return {
      tokenReceivedAt: newest.receivedAt,
      event: { type: 'conversation.replyWindow', conversationId, occurredAt: receivedAt, payload: { tokenReceivedAt: newest.receivedAt } },
    };
  }
  const moved = statement(
    db,
    `INSERT INTO delivery_windows (conversation_id, last_customer_message_at) VALUES (?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET last_customer_message_at = excluded.last_customer_message_at
     WHERE excluded.last_customer_message_at > delivery_windows.last_customer_message_at`,
  ).run(conversationId, item.occurredAt);
  if (moved.changes === 0) return null;
  return {
    tokenReceivedAt: null,
    event: {
      type: 'conversation.replyWindow',
      conversationId,
      occurredAt: receivedAt,
      payload: {
        tokenReceivedAt: null,
        meta: { lastCustomerMessageAt: item.occurredAt, humanAgentAllowed: channelSettingsOf(db).metaHumanAgentAllowed },
      },
    },
  };
}

/** Only a newer message replaces the kept markAsReadToken: a late, older event must not undo a newer one. */
function keepReadTokenSync(db: Database.Database, conversationId: string, token: string, messageTimestamp: number, receivedAt: number): void {
  statement(
    db,
    `INSERT INTO mark_as_read_tokens (conversation_id, token, message_timestamp, received_at, used_at)
     VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (conversation_id) DO UPDATE SET token = excluded.token, message_timestamp = excluded.message_timestamp,
       received_at = excluded.received_at, used_at = NULL
     WHERE excluded.message_timestamp >= mark_as_read_tokens.message_timestamp AND excluded.token <> mark_as_read_tokens.token`,
  ).run(conversationId, token, messageTimestamp, receivedAt);
}

/**
 * An echo of the relay's own send: its platform id is stored on the send, or the Send API has not answered yet
 * (the echo can arrive first) and a send of the same text is still in flight in the conversation.
 */
function isOwnSendSync(db: Database.Database, conversationId: string, echo: NonNullable<InboundItem['echo']>): boolean {
  const known = statement(db, 'SELECT 1 FROM outbound_messages WHERE platform_message_id = ? LIMIT 1').get(echo.platformMessageId);
  if (known !== undefined) return true;
  const inFlight = statement(
    db,
    `SELECT 1 FROM outbound_messages WHERE conversation_id = ? AND delivery = 'sending' AND platform_message_id IS NULL AND text = ? LIMIT 1`,
  ).get(conversationId, echo.text);
  return inFlight !== undefined;
}

/** One savepoint-wrapped body writer per connection (better-sqlite3 nests a transaction as a SAVEPOINT). */
const bodyWriters = new WeakMap<Database.Database, (body: InboundBody) => InboundResult>();

/**
 * Stores several bodies in the caller's transaction (group commit), each in its own savepoint:
 * a body that throws is rolled back alone and reported as failed; the others are kept, in order.
 */
export function recordInboundGroupSync(db: Database.Database, bodies: readonly InboundBody[]): InboundOutcome[] {
  let writeBody = bodyWriters.get(db);
  if (!writeBody) {
    writeBody = db.transaction((body: InboundBody) => recordInboundSync(db, body));
    bodyWriters.set(db, writeBody);
  }
  const write = writeBody;
  return bodies.map((body): InboundOutcome => {
    try {
      return { ok: true, result: write(body) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}
