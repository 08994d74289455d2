import { hasUsableToken } from '../../../shared/delivery/policy';
import type { NewRelayEvent } from '../../../shared/protocol';
import type { InboundBody, InboundItem, InboundResult } from '../channel-store-types';
import type { InboxSettings } from '../../../shared/workflow/inbox-settings';
import type { ConversationStatus } from '../../../shared/workflow/conversation-status';
import {
  addProfileCandidates,
  channelEventOf,
  conversationUpsertedEvent,
  echoSentEvent,
  mediaToQueue,
  messageReceivedEvent,
} from '../sqlite-inbound';
import { retireTokensOnBlock } from './pg-blocked-chats';
import { recordConversationMembers } from './pg-conversation-members';
import { queueMedia, withdrawMedia } from './pg-media';
import { keepQuoteToken } from './pg-outbound-content';
import { inboxSettings } from './pg-team-admin';
import { workflowAfterInbound } from './pg-workflow';
import { isRetryable, LOCKS, type PgTx } from './pg-transaction';

/**
 * Takes the item's dedupe key and, in the same round trip, says whether its conversation exists, its cached
 * profile and its workflow (status and assignee: what the team inbox's reopening and round-robin decide from).
 */
const FIRST_LOOK_SQL = `
  WITH seen AS (
    INSERT INTO inbound_seen (dedupe_key, channel, event_type, received_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
  ), cached AS (
    SELECT display_name, picture_url FROM profiles WHERE channel = $6 AND profile_key = $7 AND failed = 0
  ), workflow AS (
    SELECT status, snoozed_until, assignee FROM conversation_workflow WHERE conversation_id = $5
  )
  SELECT EXISTS (SELECT 1 FROM seen) AS fresh,
         EXISTS (SELECT 1 FROM conversations WHERE id = $5) AS known,
         (SELECT display_name FROM cached) AS cached_name,
         (SELECT picture_url FROM cached) AS cached_picture,
         (SELECT status FROM workflow) AS status,
         (SELECT snoozed_until FROM workflow) AS snoozed_until,
         (SELECT assignee FROM workflow) AS assignee`;

interface FirstLook {
  fresh: boolean;
  known: boolean;
  cached_name: string | null;
  cached_picture: string | null;
  status: ConversationStatus | null;
  snoozed_until: number | null;
  assignee: string | null;
}

/**
 * Keeps a reply token and answers, in the same round trip, which token is now the conversation's newest (the
 * stored one competes with the newest already there: a statement does not see its own insert). `stored` = 0:
 * a token seen before, nothing to announce.
 */
const KEEP_TOKEN_SQL = `
  WITH stored AS (
    INSERT INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at) VALUES ($1, $2, $3, $4, NULL)
    ON CONFLICT (token) DO NOTHING
    RETURNING token, received_at, event_timestamp, used_at, row_no
  ), candidates AS (
    SELECT token, received_at, event_timestamp, used_at, row_no FROM stored
    UNION ALL
    (SELECT token, received_at, event_timestamp, used_at, row_no FROM reply_tokens WHERE conversation_id = $2
     ORDER BY event_timestamp DESC, received_at DESC, row_no DESC LIMIT 1)
  )
  SELECT (SELECT COUNT(*) FROM stored) AS stored, token, LEAST(received_at, event_timestamp) AS opened_at, used_at
  FROM candidates ORDER BY event_timestamp DESC, received_at DESC, row_no DESC LIMIT 1`;

/** What one body stored; its events get their seqs at commit (`emitted` indexes the transaction's event buffer). */
export type PendingInbound =
  | { ok: true; result: Omit<InboundResult, 'appended'>; emitted: { from: number; to: number } }
  | { ok: false; error: unknown };

/**
 * PostgreSQL twin of sqlite-inbound.ts: several bodies in one transaction, each in its own savepoint. Every
 * conversation the group touches is locked first, in one fixed order, so two relays storing webhooks of the same
 * customers never deadlock, and a conversation's first message creates it once (ON CONFLICT) whichever relay it reaches.
 * A deadlock or serialization failure aborts the whole group (it is retried as a whole), any other failure only its body.
 */
export async function recordInboundGroup(tx: PgTx, bodies: readonly InboundBody[]): Promise<PendingInbound[]> {
  const conversations = bodies.flatMap((body) => body.items.flatMap((item) => (item.conversation ? [LOCKS.conversation(item.conversation.id)] : [])));
  await tx.lock(...conversations);
  const outcomes: PendingInbound[] = [];
  for (const body of bodies) {
    const from = tx.emittedCount();
    try {
      const result = await tx.savepoint(() => recordInbound(tx, body));
      outcomes.push({ ok: true, result, emitted: { from, to: tx.emittedCount() } });
    } catch (error) {
      if (isRetryable(error)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

async function recordInbound(tx: PgTx, body: InboundBody): Promise<Omit<InboundResult, 'appended'>> {
  const { receivedAt } = body;
  const withNewWindow = new Set<string>();
  const profileCandidates = new Map<string, InboundResult['profileCandidates'][number]>();
  let duplicates = 0;
  let mediaQueued = 0;
  const withdrawnMediaIds: string[] = [];
  let settings: Promise<InboxSettings> | null = null;
  const inboxSettingsOnce = () => (settings ??= inboxSettings(tx));

  for (const item of body.items) {
    const conversation = item.conversation;
    // One round trip: the dedupe key taken (or found), whether the conversation exists, its cached profile and workflow.
    const first = await tx.row<FirstLook>(FIRST_LOOK_SQL, [
      item.dedupeKey,
      item.channel,
      item.eventType,
      receivedAt,
      conversation?.id ?? null,
      conversation?.channel ?? null,
      conversation?.profileKey ?? null,
    ]);
    if (!first?.fresh) {
      duplicates += 1;
      continue;
    }
    const pending: NewRelayEvent[] = [];
    let conversationExists = conversation !== null && first.known;
    let created = false;

    if (conversation && item.upsertConversation && !conversationExists) {
      // A cached profile (from an earlier conversation, or another relay process) beats the placeholder.
      const displayName = first.cached_name ?? conversation.placeholderName;
      const pictureUrl = first.cached_name !== null ? first.cached_picture : null;
      const accountId = conversation.channel === 'line' ? '' : conversation.accountId;
      await tx.run(
        `INSERT INTO conversations (id, channel, account_id, friend_id, display_name, picture_url, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [conversation.id, conversation.channel, accountId, conversation.customerId, displayName, pictureUrl, receivedAt],
      );
      conversationExists = true;
      created = true;
      pending.push(conversationUpsertedEvent(item, conversation, displayName, pictureUrl));
    }

    const opened = conversation && conversationExists ? await keepWindow(tx, item, conversation.id, receivedAt) : null;
    if (conversation && conversationExists && item.message?.markAsReadToken) {
      await keepReadToken(tx, conversation.id, item.message.markAsReadToken, item.occurredAt, receivedAt);
    }
    const messages: { index: number; kind: string; text: string }[] = [];
    if (conversation && item.message) {
      messages.push({ index: tx.emittedCount() + pending.length, kind: item.message.kind, text: item.message.text });
      pending.push(messageReceivedEvent(item, item.message, conversation, opened?.tokenReceivedAt ?? null));
      if (item.message.quoteToken && conversationExists) await keepQuoteToken(tx, conversation.id, item.message.messageId, item.message.quoteToken);
      const queued = conversationExists ? mediaToQueue(item, item.message, conversation.id, receivedAt) : null;
      if (queued) {
        await queueMedia(tx, queued);
        mediaQueued += 1;
      }
    }
    if (item.withdraw) withdrawnMediaIds.push(...(await withdrawMedia(tx, item.channel, item.withdraw.messageId, receivedAt)));
    if (conversation && conversationExists && item.echo && !(await isOwnSend(tx, conversation.id, item.echo))) {
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
        pending.push(...(await retireTokensOnBlock(tx, conversation.id, item.occurredAt, receivedAt)));
      }
      addProfileCandidates(profileCandidates, item, conversation);
      await recordConversationMembers(tx, conversation.id, item);
    }
    tx.emit(pending);
    // Reopening and round-robin follow the customer's message in the same transaction (pg-workflow.ts).
    if (conversation && (created || messages.length > 0)) {
      const known = first.status === null ? null : { status: first.status, snoozedUntil: first.snoozed_until, assignee: first.assignee };
      await workflowAfterInbound(tx, { conversationId: conversation.id, created, messages }, known, inboxSettingsOnce, receivedAt);
    }
  }
  return {
    duplicates,
    conversationsWithNewWindow: [...withNewWindow],
    profileCandidates: [...profileCandidates.values()],
    mediaQueued,
    withdrawnMediaIds,
  };
}

/** See sqlite-inbound.ts keepWindowSync: the window event to announce when the window opened or moved forward. */
async function keepWindow(
  tx: PgTx,
  item: InboundItem,
  conversationId: string,
  receivedAt: number,
): Promise<{ event: NewRelayEvent | null; tokenReceivedAt: number | null } | null> {
  const signal = item.window;
  if (!signal) return null;
  if (item.channel === 'webchat') return { event: null, tokenReceivedAt: null };
  if (signal.kind === 'reply_token') {
    const newest = await tx.row<{ stored: number; token: string; opened_at: number; used_at: number | null }>(KEEP_TOKEN_SQL, [
      signal.token,
      conversationId,
      receivedAt,
      item.occurredAt,
    ]);
    if (!newest || newest.stored === 0) return null;
    // Only a token that is now the conversation's newest and still fresh opens the window (see sqlite-inbound.ts).
    const candidate = { token: newest.token, receivedAt: newest.opened_at, usedAt: newest.used_at };
    if (candidate.token !== signal.token || !hasUsableToken(candidate, receivedAt)) return null;
    return {
      tokenReceivedAt: candidate.receivedAt,
      event: { type: 'conversation.replyWindow', conversationId, occurredAt: receivedAt, payload: { tokenReceivedAt: candidate.receivedAt } },
    };
  }
  const moved = await tx.run(
    `INSERT INTO delivery_windows (conversation_id, last_customer_message_at) VALUES ($1, $2)
     ON CONFLICT (conversation_id) DO UPDATE SET last_customer_message_at = excluded.last_customer_message_at
     WHERE excluded.last_customer_message_at > delivery_windows.last_customer_message_at`,
    [conversationId, item.occurredAt],
  );
  if (moved === 0) return null;
  return {
    tokenReceivedAt: null,
    event: {
      type: 'conversation.replyWindow',
      conversationId,
      occurredAt: receivedAt,
      payload: { tokenReceivedAt: null, meta: { lastCustomerMessageAt: item.occurredAt, humanAgentAllowed: tx.settings.metaHumanAgentAllowed } },
    },
  };
}

async function keepReadToken(tx: PgTx, conversationId: string, token: string, messageTimestamp: number, receivedAt: number): Promise<void> {
  await tx.run(
    `INSERT INTO mark_as_read_tokens (conversation_id, token, message_timestamp, received_at, used_at)
     VALUES ($1, $2, $3, $4, NULL)
     ON CONFLICT (conversation_id) DO UPDATE SET token = excluded.token, message_timestamp = excluded.message_timestamp,
       received_at = excluded.received_at, used_at = NULL
     WHERE excluded.message_timestamp >= mark_as_read_tokens.message_timestamp AND excluded.token <> mark_as_read_tokens.token`,
    [conversationId, token, messageTimestamp, receivedAt],
  );
}

async function isOwnSend(tx: PgTx, conversationId: string, echo: NonNullable<InboundItem['echo']>): Promise<boolean> {
  if (await tx.row('SELECT 1 FROM outbound_messages WHERE platform_message_id = $1 LIMIT 1', [echo.platformMessageId])) return true;
  const inFlight = await tx.row(
    `SELECT 1 FROM outbound_messages WHERE conversation_id = $1 AND delivery = 'sending' AND platform_message_id IS NULL AND text = $2 LIMIT 1`,
    [conversationId, echo.text],
  );
  return inFlight !== undefined;
}
