import type Database from 'better-sqlite3';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../shared/delivery/reply-window';
import { decideDelivery, hasUsableToken, MAX_MESSAGES_PER_REQUEST, type OutgoingKind, type ShopPushRule } from '../../shared/delivery/policy';
import type { Channel, DeliveryState, NewRelayEvent } from '../../shared/protocol';
import { MAX_ITEMS_PER_CLAIM } from './channel-store-types';
import { getConversationSync } from './sqlite-conversations';
import { decideWindowClaimSync } from './sqlite-window-claims';
import type { ClaimedReplyBatch, PushItem, ReplyItem } from './relay-store';
import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import { isQuotaBlockedSync } from './sqlite-quota';
import type { OutboundContent } from './media-store-types';
import { agentContentOf, itemExtrasOfRow, quoteTokenOfSync } from './sqlite-outbound-content';

/**
 * The ONE code path that creates an outgoing message and decides its delivery (agent replies, automatic
 * replies, order summaries, payment reminders): claim the fresh token and take held items along, hold, or
 * push — decided by decideDelivery — and the events that announce it. Runs in the caller's transaction.
 */

/** What an outgoing message is; stored in outbound_messages.kind and shown on message.sent. */
export type OutboundKind = 'agent_reply' | 'order_summary' | 'payment_reminder';

interface HeldRow {
  message_id: string;
  mutation_id: string;
  conversation_id: string;
  text: string;
  content_json: string | null;
  quote_token: string | null;
}

export interface NewOutboundInput {
  messageId: string;
  mutationId: string;
  conversationId: string;
  text: string;
  agentName: string;
  now: number;
  kind: OutboundKind;
  orderId: string | null;
  /** The agent's (or the shop's standing) consent to push THIS message when no free reply is possible. */
  pushConsent: boolean;
  newRetryKey: string;
  rules: readonly ShopPushRule[];
  /** False for payment reminders: they never take a fresh token away from the agent's next reply. */
  mayUseFreshToken: boolean;
  /** The relay's own reply from an autoSend rule (flagged `auto` on message.sent). */
  auto?: boolean;
  /** A photo, file or sticker; `text` is then its stand-in. */
  content?: OutboundContent | null;
  /** The customer message it answers (platform id): its LINE quoteToken goes with the reply. */
  quoteOf?: string | null;
}

export type NewOutboundOutcome =
  | { kind: 'held'; reason: string }
  /** A token was claimed: call LINE with this batch (held items first, then this message), then settle it. */
  | { kind: 'send'; batch: ClaimedReplyBatch; messageDelivery: DeliveryState; messageReason: string | null }
  /** Counted push with the retry key already stored. */
  | { kind: 'push'; item: PushItem };

/**
 * The conversation's newest token (the only one the policy may use), with its use time. Newest means the latest
 * LINE event timestamp, so a redelivered or late older event never displaces a fresher token. `receivedAt` is when
 * its free-reply window opened: the earlier of the relay's receive time and the event's timestamp. LINE counts the
 * token's minute from the event, so a redelivery received now is as old as its event; taking the earlier of the two
 * also never lengthens the window when the relay's clock runs behind LINE's.
 */
export function newestTokenSync(db: Database.Database, conversationId: string): { token: string; receivedAt: number; usedAt: number | null } | null {
  const row = db
    .prepare(
      `SELECT token, MIN(received_at, event_timestamp) AS opened_at, used_at FROM reply_tokens
       WHERE conversation_id = ? ORDER BY event_timestamp DESC, received_at DESC, rowid DESC LIMIT 1`,
    )
    .get(conversationId) as { token: string; opened_at: number; used_at: number | null } | undefined;
  return row ? { token: row.token, receivedAt: row.opened_at, usedAt: row.used_at } : null;
}

/** Marks the token used; `changes === 1` proves no other process claimed it first. */
export function claimTokenSync(db: Database.Database, token: string, now: number): boolean {
  return db.prepare('UPDATE reply_tokens SET used_at = ? WHERE token = ? AND used_at IS NULL').run(now, token).changes === 1;
}

export function oldestHeldSync(db: Database.Database, conversationId: string, limit: number): ReplyItem[] {
  const rows = db
    .prepare(
      `SELECT message_id, mutation_id, conversation_id, text, content_json, quote_token FROM outbound_messages
       WHERE conversation_id = ? AND delivery = 'held' ORDER BY created_at, rowid LIMIT ?`,
    )
    .all(conversationId, limit) as HeldRow[];
  return rows.map((row) => ({
    messageId: row.message_id,
    mutationId: row.mutation_id,
    conversationId: row.conversation_id,
    text: row.text,
    ...itemExtrasOfRow(row),
  }));
}

/** Marks held items as going out (with LINE's `token`, null on other channels) and announces it (delivery `sending`). */
export function takeHeldItemsSync(db: Database.Database, items: ReplyItem[], token: string | null, now: number): NewRelayEvent[] {
  const mark = db.prepare(
    `UPDATE outbound_messages SET delivery = 'sending', reason = NULL, reply_token = ?, updated_at = ?
     WHERE message_id = ? AND delivery = 'held'`,
  );
  return items.map((item) => {
    mark.run(token, now, item.messageId);
    return {
      type: 'delivery.updated',
      conversationId: item.conversationId,
      occurredAt: now,
      payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: 'sending', reason: null },
    };
  });
}

export function windowClosedEvent(conversationId: string, now: number): NewRelayEvent {
  return { type: 'conversation.replyWindow', conversationId, occurredAt: now, payload: { tokenReceivedAt: null } };
}

export function friendIdSync(db: Database.Database, conversationId: string): string {
  return (db.prepare('SELECT friend_id FROM conversations WHERE id = ?').get(conversationId) as { friend_id: string }).friend_id;
}

/** Order summaries are the agent's own words about the order: the policy treats them like a reply. */
export function policyKind(kind: OutboundKind): OutgoingKind {
  return kind === 'payment_reminder' ? 'payment_reminder' : 'agent_reply';
}

export function createOutboundMessageSync(
  db: Database.Database,
  input: NewOutboundInput,
): { outcome: NewOutboundOutcome; events: NewRelayEvent[] } {
  const conversation = getConversationSync(db, input.conversationId);
  if (!conversation) throw new Error(`No conversation ${input.conversationId}`);
  if (conversation.channel === 'line') return createLineOutboundSync(db, input, conversation.friendId);
  return createWindowOutboundSync(db, input, { ...conversation, channel: conversation.channel });
}

function insertOutboundSync(
  db: Database.Database,
  input: NewOutboundInput,
  row: { delivery: DeliveryState; reason: string | null; replyToken: string | null; retryKey: string | null },
): void {
  db.prepare(
    `INSERT INTO outbound_messages
       (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at,
        push_consent, retry_key, kind, order_id, content_json, quote_token)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.messageId,
    input.mutationId,
    input.conversationId,
    input.text,
    input.agentName,
    row.delivery,
    row.reason,
    row.replyToken,
    input.now,
    input.now,
    input.pushConsent ? 1 : 0,
    row.retryKey,
    input.kind,
    input.orderId,
    input.content ? JSON.stringify(input.content) : null,
    quoteTokenOfSync(db, input.conversationId, input.quoteOf),
  );
}

export function messageSentEvent(input: NewOutboundInput, delivery: DeliveryState, reason: string | null): NewRelayEvent {
  return {
    type: 'message.sent',
    conversationId: input.conversationId,
    occurredAt: input.now,
    payload: {
      messageId: input.messageId,
      mutationId: input.mutationId,
      text: input.text,
      agentName: input.agentName,
      delivery,
      reason,
      ...(input.auto ? { auto: true } : {}),
      ...(input.kind !== 'agent_reply' ? { kind: input.kind } : {}),
      ...(input.orderId !== null ? { orderId: input.orderId } : {}),
      ...(input.content ? { content: agentContentOf(input.content) } : {}),
    },
  };
}

/** The item this message becomes in a send batch; `quoteToken` is the quoted customer message's (looked up by the caller's backend). */
export function ownItem(input: NewOutboundInput, quoteToken: string | null): ReplyItem {
  return {
    messageId: input.messageId,
    mutationId: input.mutationId,
    conversationId: input.conversationId,
    text: input.text,
    content: input.content ?? null,
    quoteToken,
  };
}

/** LINE: claim the fresh reply token (held items ride along, ≤ 5), hold, or push as the policy decides. */
function createLineOutboundSync(
  db: Database.Database,
  input: NewOutboundInput,
  friendId: string,
): { outcome: NewOutboundOutcome; events: NewRelayEvent[] } {
  const newest = newestTokenSync(db, input.conversationId);
  const held = input.mayUseFreshToken ? oldestHeldSync(db, input.conversationId, MAX_MESSAGES_PER_REQUEST) : [];
  const decision = decideDelivery({
    now: input.now,
    token: input.mayUseFreshToken ? newest : null,
    held: held.map((item) => ({ id: item.messageId })),
    item: { id: input.messageId, kind: policyKind(input.kind), createdAt: input.now, pushConsent: input.pushConsent, retryKey: null },
    rules: input.rules,
    quotaBlocked: isQuotaBlockedSync(db),
    newRetryKey: input.newRetryKey,
  });
  const token = decision.action === 'reply' && newest && claimTokenSync(db, newest.token, input.now) ? newest.token : null;
  // A reply decision whose token another writer took first can only wait for the next one.
  const reason = decision.action === 'hold' ? decision.reason : decision.action === 'reply' && !token ? DELIVERY_REASON.noFreshToken : null;
  const delivery: DeliveryState = reason !== null ? 'held' : 'sending';
  insertOutboundSync(db, input, { delivery, reason, replyToken: token, retryKey: decision.action === 'push' ? decision.retryKey : null });

  const events: NewRelayEvent[] = [messageSentEvent(input, delivery, reason)];
  const riders = token && decision.action === 'reply' ? held.filter((item) => decision.batch.includes(item.messageId)) : [];
  if (token) events.push(...takeHeldItemsSync(db, riders, token, input.now), windowClosedEvent(input.conversationId, input.now));
  // Held for lack of a fresh token although the clients may still count down (an agent clock behind the relay's):
  // tell them the window is closed, on the relay's authority.
  else if (input.mayUseFreshToken && newest && newest.usedAt === null && !hasUsableToken(newest, input.now)) {
    events.push(windowClosedEvent(input.conversationId, input.now));
  }

  const own = ownItem(input, quoteTokenOfSync(db, input.conversationId, input.quoteOf));
  if (decision.action === 'push') {
    return { outcome: { kind: 'push', item: { ...own, retryKey: decision.retryKey, friendId } }, events };
  }
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

/**
 * Messenger, Instagram, web chat: the channel's window rule decides; while it is open the conversation's held
 * messages go first, in order, then this one (nothing is scarce, so nothing needs consent or a push).
 */
function createWindowOutboundSync(
  db: Database.Database,
  input: NewOutboundInput,
  conversation: { id: string; channel: Exclude<Channel, 'line'>; accountId: string; friendId: string },
): { outcome: NewOutboundOutcome; events: NewRelayEvent[] } {
  const decision = decideWindowClaimSync(db, conversation, input.now, input.kind === 'agent_reply' || input.kind === 'order_summary');
  const maxItems = decision.kind === 'claim' ? MAX_ITEMS_PER_CLAIM[decision.claim.kind] : 0;
  const held = decision.kind === 'claim' ? oldestHeldSync(db, input.conversationId, maxItems) : [];
  const reason =
    decision.kind === 'held' ? decision.reason : held.length >= maxItems ? DELIVERY_REASON.queuedBehindHeld : null;
  const delivery: DeliveryState = reason !== null ? 'held' : 'sending';
  insertOutboundSync(db, input, { delivery, reason, replyToken: null, retryKey: null });
  const events: NewRelayEvent[] = [messageSentEvent(input, delivery, reason)];
  if (decision.kind === 'held') return { outcome: { kind: 'held', reason: decision.reason }, events };
  const riders = held.slice(0, maxItems);
  events.push(...takeHeldItemsSync(db, riders, null, input.now));
  const items = reason === null ? [...riders, ownItem(input, quoteTokenOfSync(db, input.conversationId, input.quoteOf))] : riders;
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
