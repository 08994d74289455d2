import { decideDelivery, hasUsableToken, MAX_MESSAGES_PER_REQUEST } from '../../../shared/delivery/policy';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../../shared/delivery/reply-window';
import { DELIVERY_REASON } from '../../../shared/delivery/reasons';
import type { Channel, DeliveryState, NewRelayEvent } from '../../../shared/protocol';
import { MAX_ITEMS_PER_CLAIM } from '../channel-store-types';
import type { ClaimedReplyBatch, ReplyItem } from '../relay-store';
import {
  messageSentEvent,
  ownItem,
  policyKind,
  windowClosedEvent,
  type NewOutboundInput,
  type NewOutboundOutcome,
} from '../sqlite-outbound';
import { itemExtrasOfRow } from '../sqlite-outbound-content';
import { getConversation } from './pg-conversations';
import { quoteTokenOf } from './pg-outbound-content';
import { isQuotaBlocked } from './pg-quota';
import type { PgTx } from './pg-transaction';
import { decideWindowClaim } from './pg-window-claims';

/**
 * PostgreSQL twin of sqlite-outbound.ts: the one path that creates an outgoing message and decides its delivery.
 * Callers hold the conversation's lock (LOCKS.conversation), so the newest token, the held messages and the
 * decision cannot change under them — what SQLite's single writer gives for free.
 */
export interface NewestToken {
  token: string;
  receivedAt: number;
  usedAt: number | null;
}

/** The conversation's newest token by LINE's event time; see sqlite-outbound.ts newestTokenSync. */
export async function newestToken(tx: PgTx, conversationId: string): Promise<NewestToken | null> {
  const row = await tx.row<{ token: string; opened_at: number; used_at: number | null }>(
    `SELECT token, LEAST(received_at, event_timestamp) AS opened_at, used_at FROM reply_tokens
     WHERE conversation_id = $1 ORDER BY event_timestamp DESC, received_at DESC, row_no DESC LIMIT 1`,
    [conversationId],
  );
  return row ? { token: row.token, receivedAt: row.opened_at, usedAt: row.used_at } : null;
}

/** Marks the token used; true proves no other process claimed it first. */
export async function claimToken(tx: PgTx, token: string, now: number): Promise<boolean> {
  return (await tx.run('UPDATE reply_tokens SET used_at = $1 WHERE token = $2 AND used_at IS NULL', [now, token])) === 1;
}

export async function oldestHeld(tx: PgTx, conversationId: string, limit: number): Promise<ReplyItem[]> {
  const rows = await tx.rows<{ message_id: string; mutation_id: string; conversation_id: string; text: string; content_json: string | null; quote_token: string | null }>(
    `SELECT message_id, mutation_id, conversation_id, text, content_json, quote_token FROM outbound_messages
     WHERE conversation_id = $1 AND delivery = 'held' ORDER BY created_at, row_no LIMIT $2`,
    [conversationId, limit],
  );
  return rows.map((row) => ({ messageId: row.message_id, mutationId: row.mutation_id, conversationId: row.conversation_id, text: row.text, ...itemExtrasOfRow(row) }));
}

/** Marks held items as going out (with LINE's `token`, null elsewhere); returns their delivery.updated events. */
export async function takeHeldItems(tx: PgTx, items: readonly ReplyItem[], token: string | null, now: number): Promise<NewRelayEvent[]> {
  if (items.length > 0) {
    await tx.run(
      `UPDATE outbound_messages SET delivery = 'sending', reason = NULL, reply_token = $1, updated_at = $2
       WHERE message_id = ANY($3::text[]) AND delivery = 'held'`,
      [token, now, items.map((item) => item.messageId)],
    );
  }
  return items.map((item) => ({
    type: 'delivery.updated',
    conversationId: item.conversationId,
    occurredAt: now,
    payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: 'sending', reason: null },
  }));
}

export async function createOutboundMessage(tx: PgTx, input: NewOutboundInput): Promise<{ outcome: NewOutboundOutcome; events: NewRelayEvent[] }> {
  const conversation = await getConversation(tx, input.conversationId);
  if (!conversation) throw new Error(`No conversation ${input.conversationId}`);
  const quoteToken = await quoteTokenOf(tx, input.conversationId, input.quoteOf);
  if (conversation.channel === 'line') return createLineOutbound(tx, input, quoteToken, conversation.friendId);
  return createWindowOutbound(tx, input, quoteToken, { ...conversation, channel: conversation.channel });
}

async function insertOutbound(
  tx: PgTx,
  input: NewOutboundInput,
  quoteToken: string | null,
  row: { delivery: DeliveryState; reason: string | null; replyToken: string | null; retryKey: string | null },
): Promise<void> {
  await tx.run(
    `INSERT INTO outbound_messages
       (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at,
        push_consent, retry_key, kind, order_id, content_json, quote_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15)`,
    [
      input.messageId,
      input.mutationId,
      input.conversationId,
      input.text,
      input.agentName,
      row.delivery,
      row.reason,
      row.replyToken,
      input.now,
      input.pushConsent ? 1 : 0,
      row.retryKey,
      input.kind,
      input.orderId,
      input.content ? JSON.stringify(input.content) : null,
      quoteToken,
    ],
  );
}

/** LINE: claim the fresh reply token (held items ride along, ≤ 5), hold, or push as the policy decides. */
async function createLineOutbound(tx: PgTx, input: NewOutboundInput, quoteToken: string | null, friendId: string): Promise<{ outcome: NewOutboundOutcome; events: NewRelayEvent[] }> {
  const newest = await newestToken(tx, input.conversationId);
  const held = input.mayUseFreshToken ? await oldestHeld(tx, input.conversationId, MAX_MESSAGES_PER_REQUEST) : [];
  const decision = decideDelivery({
    now: input.now,
    token: input.mayUseFreshToken ? newest : null,
    held: held.map((item) => ({ id: item.messageId })),
    item: { id: input.messageId, kind: policyKind(input.kind), createdAt: input.now, pushConsent: input.pushConsent, retryKey: null },
    rules: input.rules,
    quotaBlocked: await isQuotaBlocked(tx),
    newRetryKey: input.newRetryKey,
  });
  const token = decision.action === 'reply' && newest && (await claimToken(tx, newest.token, input.now)) ? newest.token : null;
  const reason = decision.action === 'hold' ? decision.reason : decision.action === 'reply' && !token ? DELIVERY_REASON.noFreshToken : null;
  const delivery: DeliveryState = reason !== null ? 'held' : 'sending';
  await insertOutbound(tx, input, quoteToken, { delivery, reason, replyToken: token, retryKey: decision.action === 'push' ? decision.retryKey : null });

  const events: NewRelayEvent[] = [messageSentEvent(input, delivery, reason)];
  const riders = token && decision.action === 'reply' ? held.filter((item) => decision.batch.includes(item.messageId)) : [];
  if (token) events.push(...(await takeHeldItems(tx, riders, token, input.now)), windowClosedEvent(input.conversationId, input.now));
  else if (input.mayUseFreshToken && newest && newest.usedAt === null && !hasUsableToken(newest, input.now)) {
    events.push(windowClosedEvent(input.conversationId, input.now));
  }

  const own = ownItem(input, quoteToken);
  if (decision.action === 'push') return { outcome: { kind: 'push', item: { ...own, retryKey: decision.retryKey, friendId } }, events };
  if (!token) return { outcome: { kind: 'held', reason: reason ?? DELIVERY_REASON.noFreshToken }, events };
  const batch: ClaimedReplyBatch = {
    conversationId: input.conversationId,
    channel: 'line',
    accountId: '',
    recipientId: friendId,
    claim: { kind: 'reply_token', token, usableUntil: newest!.receivedAt + REPLY_TOKEN_SAFE_AGE_MS },
    items: [...riders, own],
  };
  return { outcome: { kind: 'send', batch, messageDelivery: delivery, messageReason: reason }, events };
}

/** Messenger, Instagram, web chat: the window rule decides; held messages go first while it is open. */
async function createWindowOutbound(
  tx: PgTx,
  input: NewOutboundInput,
  quoteToken: string | null,
  conversation: { id: string; channel: Exclude<Channel, 'line'>; accountId: string; friendId: string },
): Promise<{ outcome: NewOutboundOutcome; events: NewRelayEvent[] }> {
  const decision = await decideWindowClaim(tx, conversation, input.now, input.kind === 'agent_reply' || input.kind === 'order_summary');
  const maxItems = decision.kind === 'claim' ? MAX_ITEMS_PER_CLAIM[decision.claim.kind] : 0;
  const held = decision.kind === 'claim' ? await oldestHeld(tx, input.conversationId, maxItems) : [];
  const reason = decision.kind === 'held' ? decision.reason : held.length >= maxItems ? DELIVERY_REASON.queuedBehindHeld : null;
  const delivery: DeliveryState = reason !== null ? 'held' : 'sending';
  await insertOutbound(tx, input, quoteToken, { delivery, reason, replyToken: null, retryKey: null });
  const events: NewRelayEvent[] = [messageSentEvent(input, delivery, reason)];
  if (decision.kind === 'held') return { outcome: { kind: 'held', reason: decision.reason }, events };
  const riders = held.slice(0, maxItems);
  events.push(...(await takeHeldItems(tx, riders, null, input.now)));
  const items = reason === null ? [...riders, ownItem(input, quoteToken)] : riders;
  const batch: ClaimedReplyBatch = {
    conversationId: input.conversationId,
    channel: conversation.channel,
    accountId: conversation.accountId,
    recipientId: conversation.friendId,
    claim: decision.claim,
    items,
  };
  if (items.length === 0) return { outcome: { kind: 'held', reason: reason ?? DELIVERY_REASON.queuedBehindHeld }, events };
  return { outcome: { kind: 'send', batch, messageDelivery: delivery, messageReason: reason }, events };
}
