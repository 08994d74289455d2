import { decideRelease, hasUsableToken } from '../../../shared/delivery/policy';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../../shared/delivery/reply-window';
import type { DeliveryState, MutationAck, MutationType, NewRelayEvent } from '../../../shared/protocol';
import { MAX_ITEMS_PER_CLAIM } from '../channel-store-types';
import type { BeginReplySendInput, BeginReplySendResult, ClaimedReplyBatch, SettleReplyBatchInput, StoredMutation } from '../relay-store';
import { windowClosedEvent } from '../sqlite-outbound';
import { conversationExists, getConversation } from './pg-conversations';
import { orderSummaryAnswer } from './pg-order-queries';
import { claimToken, createOutboundMessage, newestToken, oldestHeld, takeHeldItems } from './pg-outbound';
import { LOCKS, type PgTx } from './pg-transaction';
import { decideWindowClaim } from './pg-window-claims';

/** PostgreSQL twin of sqlite-replies.ts. */
export async function getMutation(tx: PgTx, mutationId: string): Promise<StoredMutation | null> {
  const row = await tx.row<{ id: string; state: 'pending' | 'done'; answer_json: string | null }>(
    'SELECT id, state, answer_json FROM mutations WHERE id = $1',
    [mutationId],
  );
  if (!row) return null;
  return { id: row.id, state: row.state, answer: row.answer_json ? (JSON.parse(row.answer_json) as MutationAck) : null };
}

/**
 * Locks the mutation id and then its conversation (the fixed lock order) and returns the stored mutation when
 * this id was seen before: a repeat through another relay process waits for the first to commit and gets its answer.
 */
export async function lockMutation(tx: PgTx, mutationId: string, conversationId: string | null): Promise<StoredMutation | null> {
  await tx.lock(LOCKS.mutation(mutationId));
  if (conversationId !== null) await tx.lock(LOCKS.conversation(conversationId));
  return getMutation(tx, mutationId);
}

/** True when a message could go out free right now without anyone's consent (what an automatic answer needs). */
export async function hasFreeWindow(tx: PgTx, conversationId: string, now: number): Promise<boolean> {
  const conversation = await getConversation(tx, conversationId);
  if (!conversation) return false;
  if (conversation.channel === 'line') return hasUsableToken(await newestToken(tx, conversationId), now);
  return (await decideWindowClaim(tx, { id: conversationId, channel: conversation.channel }, now, false)).kind === 'claim';
}

export async function completeMutation(tx: PgTx, mutationId: string, answer: MutationAck, now: number): Promise<void> {
  await tx.run(`UPDATE mutations SET state = 'done', answer_json = $1, updated_at = $2 WHERE id = $3 AND state = 'pending'`, [
    JSON.stringify(answer),
    now,
    mutationId,
  ]);
}

/** The message a pending mutation waited for has its outcome: store the mutation's answer. */
export async function completeSendMutation(
  tx: PgTx,
  input: { mutationId: string; messageId: string; delivery: DeliveryState; reason: string | null; now: number },
): Promise<void> {
  const answer = (await orderSummaryAnswer(tx, input.mutationId, input.messageId)) ?? {
    ok: true,
    messageId: input.messageId,
    delivery: input.delivery,
    reason: input.reason,
  };
  await completeMutation(tx, input.mutationId, answer, input.now);
}

export async function recordMutation(
  tx: PgTx,
  input: { id: string; type: MutationType; agentName: string; now: number; answer: MutationAck | null },
): Promise<void> {
  await tx.run(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [input.id, input.type, input.agentName, input.answer ? 'done' : 'pending', input.answer ? JSON.stringify(input.answer) : null, input.now],
  );
}

/** Records (and returns) UNKNOWN_CONVERSATION for a mutation naming a conversation the relay does not have. */
export async function unknownConversation(
  tx: PgTx,
  input: { mutationId: string; type: MutationType; conversationId: string; agentName: string; now: number },
): Promise<MutationAck | null> {
  if (await conversationExists(tx, input.conversationId)) return null;
  const answer: MutationAck = { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${input.conversationId} on this relay` };
  await recordMutation(tx, { id: input.mutationId, type: input.type, agentName: input.agentName, now: input.now, answer });
  return answer;
}

/** Caller holds the mutation and conversation locks (lockMutation) and has checked for a repeat. */
export async function beginReplySend(tx: PgTx, input: BeginReplySendInput): Promise<BeginReplySendResult> {
  const unknown = await unknownConversation(tx, { ...input, type: 'reply.send' });
  if (unknown) return { kind: 'answered', answer: unknown };
  const { outcome, events } = await createOutboundMessage(tx, { ...input, kind: 'agent_reply', orderId: null, mayUseFreshToken: true });
  const heldAnswer: MutationAck | null =
    outcome.kind === 'held' ? { ok: true, messageId: input.messageId, delivery: 'held', reason: outcome.reason } : null;
  await recordMutation(tx, { id: input.mutationId, type: 'reply.send', agentName: input.agentName, now: input.now, answer: heldAnswer });
  tx.emit(events);
  if (heldAnswer) return { kind: 'answered', answer: heldAnswer };
  return outcome as Exclude<typeof outcome, { kind: 'held' }>;
}

/** Caller holds the conversation's lock. See sqlite-replies.ts claimHeldRepliesSync. */
export async function claimHeldReplies(tx: PgTx, conversationId: string, now: number, maxMessages: number): Promise<ClaimedReplyBatch | null> {
  const conversation = await getConversation(tx, conversationId);
  if (!conversation) return null;
  if (conversation.channel !== 'line') {
    const decision = await decideWindowClaim(tx, { id: conversationId, channel: conversation.channel }, now, true);
    if (decision.kind === 'held') return null;
    const held = await oldestHeld(tx, conversationId, Math.min(maxMessages, MAX_ITEMS_PER_CLAIM[decision.claim.kind]));
    if (held.length === 0) return null;
    tx.emit(await takeHeldItems(tx, held, null, now));
    return { conversationId, channel: conversation.channel, accountId: conversation.accountId, recipientId: conversation.friendId, claim: decision.claim, items: held };
  }
  const held = await oldestHeld(tx, conversationId, maxMessages);
  const newest = await newestToken(tx, conversationId);
  const release = decideRelease(newest, held.map((item) => ({ id: item.messageId })), now);
  if (release.length === 0 || !newest || !(await claimToken(tx, newest.token, now))) return null;
  tx.emit([...(await takeHeldItems(tx, held, newest.token, now)), windowClosedEvent(conversationId, now)]);
  return { conversationId, channel: 'line', accountId: '', recipientId: conversation.friendId, claim: { kind: 'reply_token', token: newest.token, usableUntil: newest.receivedAt + REPLY_TOKEN_SAFE_AGE_MS }, items: held };
}

export async function settleReplyBatch(tx: PgTx, input: SettleReplyBatchInput): Promise<void> {
  const events: NewRelayEvent[] = [];
  for (const [index, item] of input.batch.items.entries()) {
    await tx.run(
      `UPDATE outbound_messages SET delivery = $1, reason = $2, reply_token = CASE WHEN $1 = 'held' THEN NULL ELSE reply_token END,
         platform_message_id = COALESCE($3, platform_message_id), updated_at = $4 WHERE message_id = $5`,
      [input.delivery, input.reason, input.platformMessageIds?.[index] ?? null, input.now, item.messageId],
    );
    events.push({
      type: 'delivery.updated',
      conversationId: item.conversationId,
      occurredAt: input.now,
      payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: input.delivery, reason: input.reason },
    });
  }
  if (input.completesMutation) {
    const { id, messageId } = input.completesMutation;
    await completeSendMutation(tx, { mutationId: id, messageId, delivery: input.delivery, reason: input.reason, now: input.now });
  }
  tx.emit(events);
}
