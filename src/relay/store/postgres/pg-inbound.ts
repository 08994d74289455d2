import { hasUsableToken } from '../../../shared/delivery/policy';
import type { NewRelayEvent } from '../../../shared/protocol';
import type { InboundBody, InboundItem, InboundResult } from '../channel-store-types';
import { ECHO_AUTHOR } from '../sqlite-inbound';
import { newestToken } from './pg-outbound';
import { isRetryable, LOCKS, type PgTx } from './pg-transaction';

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

  for (const item of body.items) {
    const seen = await tx.run(
      'INSERT INTO inbound_seen (dedupe_key, channel, event_type, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING',
      [item.dedupeKey, item.channel, item.eventType, receivedAt],
    );
    if (seen === 0) {
      duplicates += 1;
      continue;
    }
    const pending: NewRelayEvent[] = [];
    const conversation = item.conversation;
    let conversationExists = conversation !== null && (await tx.row('SELECT 1 FROM conversations WHERE id = $1', [conversation.id])) !== undefined;

    if (conversation && item.upsertConversation && !conversationExists) {
      const cached = conversation.profileKey
        ? await tx.row<{ display_name: string; picture_url: string | null }>(
            'SELECT display_name, picture_url FROM profiles WHERE channel = $1 AND profile_key = $2 AND failed = 0',
            [conversation.channel, conversation.profileKey],
          )
        : undefined;
      const displayName = cached?.display_name ?? conversation.placeholderName;
      const pictureUrl = cached?.picture_url ?? null;
      const accountId = conversation.channel === 'line' ? '' : conversation.accountId;
      await tx.run(
        `INSERT INTO conversations (id, channel, account_id, friend_id, display_name, picture_url, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [conversation.id, conversation.channel, accountId, conversation.customerId, displayName, pictureUrl, receivedAt],
      );
      conversationExists = true;
      pending.push({
        type: 'conversation.upserted',
        conversationId: conversation.id,
        occurredAt: item.occurredAt,
        payload: { channel: conversation.channel, friendId: conversation.customerId, displayName, pictureUrl },
      });
    }

    const opened = conversation && conversationExists ? await keepWindow(tx, item, conversation.id, receivedAt) : null;
    if (conversation && conversationExists && item.message?.markAsReadToken) {
      await keepReadToken(tx, conversation.id, item.message.markAsReadToken, item.occurredAt, receivedAt);
    }
    if (conversation && item.message) {
      pending.push({
        type: 'message.received',
        conversationId: conversation.id,
        occurredAt: item.occurredAt,
        payload: {
          messageId: item.message.messageId,
          friendId: conversation.customerId,
          kind: item.message.kind,
          text: item.message.text,
          replyTokenReceivedAt: opened?.tokenReceivedAt ?? null,
        },
      });
    }
    if (conversation && conversationExists && item.echo && !(await isOwnSend(tx, conversation.id, item.echo))) {
      pending.push({
        type: 'message.sent',
        conversationId: conversation.id,
        occurredAt: item.occurredAt,
        payload: {
          messageId: `echo:${item.echo.platformMessageId}`,
          mutationId: `echo:${item.echo.platformMessageId}`,
          text: item.echo.text,
          agentName: ECHO_AUTHOR[conversation.channel] ?? conversation.channel,
          delivery: 'sent_free',
          reason: null,
        },
      });
    }
    if (conversation && opened) {
      withNewWindow.add(conversation.id);
      if (opened.event) pending.push(opened.event);
    }
    if (item.channelEvent) {
      pending.push({
        type: 'channel.event',
        ...(conversation && conversationExists ? { conversationId: conversation.id } : {}),
        occurredAt: item.occurredAt,
        payload: { channel: item.channel, eventType: item.channelEvent.eventType, summary: item.channelEvent.summary },
      });
    }
    if (conversation?.profileKey && conversationExists) {
      profileCandidates.set(`${conversation.channel}\u0000${conversation.profileKey}`, {
        channel: conversation.channel,
        profileKey: conversation.profileKey,
        conversationId: conversation.id,
      });
    }
    tx.emit(pending);
  }
  return { duplicates, conversationsWithNewWindow: [...withNewWindow], profileCandidates: [...profileCandidates.values()] };
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
    const stored = await tx.run(
      `INSERT INTO reply_tokens (token, conversation_id, received_at, event_timestamp, used_at) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (token) DO NOTHING`,
      [signal.token, conversationId, receivedAt, item.occurredAt],
    );
    if (stored === 0) return null;
    const newest = await newestToken(tx, conversationId);
    if (newest === null || newest.token !== signal.token || !hasUsableToken(newest, receivedAt)) return null;
    return {
      tokenReceivedAt: newest.receivedAt,
      event: { type: 'conversation.replyWindow', conversationId, occurredAt: receivedAt, payload: { tokenReceivedAt: newest.receivedAt } },
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
