import type Database from 'better-sqlite3';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../shared/delivery/reply-window';
import { decideRelease, hasUsableToken } from '../../shared/delivery/policy';
import type { DeliveryState, MutationAck, MutationType, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type {
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  SettleReplyBatchInput,
  StoredMutation,
} from './relay-store';
import { MAX_ITEMS_PER_CLAIM } from './channel-store-types';
import { getConversationSync } from './sqlite-conversations';
import { appendEventsSync } from './sqlite-event-log';
import { decideWindowClaimSync } from './sqlite-window-claims';
import { orderSummaryAnswerSync } from './sqlite-order-queries';
import {
  claimTokenSync,
  createOutboundMessageSync,
  newestTokenSync,
  oldestHeldSync,
  takeHeldItemsSync,
  windowClosedEvent,
} from './sqlite-outbound';

export function getMutationSync(db: Database.Database, mutationId: string): StoredMutation | null {
  const row = db.prepare('SELECT id, state, answer_json FROM mutations WHERE id = ?').get(mutationId) as
    | { id: string; state: 'pending' | 'done'; answer_json: string | null }
    | undefined;
  if (!row) return null;
  return { id: row.id, state: row.state, answer: row.answer_json ? (JSON.parse(row.answer_json) as MutationAck) : null };
}

/**
 * True when a message could go out free right now without anyone's consent: LINE's newest reply token is unused
 * and fresh, Meta's standard (RESPONSE) window is open, web chat always. What an automatic answer needs.
 */
export function hasFreeWindowSync(db: Database.Database, conversationId: string, now: number): boolean {
  const conversation = getConversationSync(db, conversationId);
  if (!conversation) return false;
  if (conversation.channel === 'line') return hasUsableToken(newestTokenSync(db, conversationId), now);
  const decision = decideWindowClaimSync(db, { id: conversationId, channel: conversation.channel }, now, false);
  return decision.kind === 'claim';
}

/** Stores the answer of a mutation that was recorded `pending` while LINE was being called. */
export function completeMutationSync(db: Database.Database, mutationId: string, answer: MutationAck, now: number): void {
  db.prepare(`UPDATE mutations SET state = 'done', answer_json = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(
    JSON.stringify(answer),
    now,
    mutationId,
  );
}

/**
 * The message a pending mutation waited for has its outcome: store the mutation's answer. A reply's answer
 * is that outcome; an order.create's or order.sendSummary's is the order with its summary's outcome (already
 * updated by the caller).
 */
export function completeSendMutationSync(
  db: Database.Database,
  input: { mutationId: string; messageId: string; delivery: DeliveryState; reason: string | null; now: number },
): void {
  const answer = orderSummaryAnswerSync(db, input.mutationId, input.messageId) ?? {
    ok: true,
    messageId: input.messageId,
    delivery: input.delivery,
    reason: input.reason,
  };
  completeMutationSync(db, input.mutationId, answer, input.now);
}

export function recordMutationSync(
  db: Database.Database,
  input: { id: string; type: MutationType; agentName: string; now: number; answer: MutationAck | null },
): void {
  db.prepare(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.id,
    input.type,
    input.agentName,
    input.answer ? 'done' : 'pending',
    input.answer ? JSON.stringify(input.answer) : null,
    input.now,
    input.now,
  );
}

/** Records (and returns) UNKNOWN_CONVERSATION for a mutation that named a conversation the relay does not have. */
export function unknownConversationSync(
  db: Database.Database,
  input: { mutationId: string; type: MutationType; conversationId: string; agentName: string; now: number },
): MutationAck | null {
  if (db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(input.conversationId)) return null;
  const answer: MutationAck = { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${input.conversationId} on this relay` };
  recordMutationSync(db, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer });
  return answer;
}

export function beginReplySendSync(
  db: Database.Database,
  input: BeginReplySendInput,
): { result: BeginReplySendResult; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { result: { kind: 'repeat', mutation: repeat }, appended: [] };
  const unknown = unknownConversationSync(db, { ...input, type: 'reply.send' });
  if (unknown) return { result: { kind: 'answered', answer: unknown }, appended: [] };

  const { outcome, events } = createOutboundMessageSync(db, { ...input, kind: 'agent_reply', orderId: null, mayUseFreshToken: true });
  const heldAnswer: MutationAck | null =
    outcome.kind === 'held' ? { ok: true, messageId: input.messageId, delivery: 'held', reason: outcome.reason } : null;
  recordMutationSync(db, { id: input.mutationId, type: 'reply.send', agentName: input.agentName, now: input.now, answer: heldAnswer });
  const appended = appendEventsSync(db, events);
  if (heldAnswer) return { result: { kind: 'answered', answer: heldAnswer }, appended };
  return { result: outcome as Exclude<typeof outcome, { kind: 'held' }>, appended };
}

export function claimHeldRepliesSync(
  db: Database.Database,
  conversationId: string,
  now: number,
  maxMessages: number,
): { batch: ClaimedReplyBatch | null; appended: RelayEvent[] } {
  const conversation = getConversationSync(db, conversationId);
  if (!conversation) return { batch: null, appended: [] };
  if (conversation.channel !== 'line') {
    const decision = decideWindowClaimSync(db, { id: conversationId, channel: conversation.channel }, now, true);
    if (decision.kind === 'held') return { batch: null, appended: [] };
    const held = oldestHeldSync(db, conversationId, Math.min(maxMessages, MAX_ITEMS_PER_CLAIM[decision.claim.kind]));
    if (held.length === 0) return { batch: null, appended: [] };
    const batch: ClaimedReplyBatch = {
      conversationId,
      channel: conversation.channel,
      accountId: conversation.accountId,
      recipientId: conversation.friendId,
      claim: decision.claim,
      items: held,
    };
    return { batch, appended: appendEventsSync(db, takeHeldItemsSync(db, held, null, now)) };
  }
  const held = oldestHeldSync(db, conversationId, maxMessages);
  const newest = newestTokenSync(db, conversationId);
  const release = decideRelease(newest, held.map((item) => ({ id: item.messageId })), now);
  if (release.length === 0 || !newest || !claimTokenSync(db, newest.token, now)) return { batch: null, appended: [] };
  const token = newest.token;
  const events = [...takeHeldItemsSync(db, held, token, now), windowClosedEvent(conversationId, now)];
  const batch: ClaimedReplyBatch = {
    conversationId,
    channel: 'line',
    accountId: '',
    recipientId: conversation.friendId,
    claim: { kind: 'reply_token', token, usableUntil: newest.receivedAt + REPLY_TOKEN_SAFE_AGE_MS },
    items: held,
  };
  return { batch, appended: appendEventsSync(db, events) };
}

export function settleReplyBatchSync(db: Database.Database, input: SettleReplyBatchInput): RelayEvent[] {
  const update = db.prepare(
    `UPDATE outbound_messages SET delivery = ?, reason = ?, reply_token = CASE WHEN ? = 'held' THEN NULL ELSE reply_token END,
       platform_message_id = COALESCE(?, platform_message_id), updated_at = ? WHERE message_id = ?`,
  );
  const events: NewRelayEvent[] = input.batch.items.map((item, index) => {
    update.run(input.delivery, input.reason, input.delivery, input.platformMessageIds?.[index] ?? null, input.now, item.messageId);
    return {
      type: 'delivery.updated',
      conversationId: item.conversationId,
      occurredAt: input.now,
      payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: input.delivery, reason: input.reason },
    };
  });
  if (input.completesMutation) {
    const { id, messageId } = input.completesMutation;
    completeSendMutationSync(db, { mutationId: id, messageId, delivery: input.delivery, reason: input.reason, now: input.now });
  }
  return appendEventsSync(db, events);
}
