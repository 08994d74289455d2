import type Database from 'better-sqlite3';
import { decideDelivery, decideRelease, hasUsableToken, MAX_MESSAGES_PER_REQUEST } from '../../shared/delivery/policy';
import type { MutationAck, MutationType, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type {
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ReplyItem,
  SettleReplyBatchInput,
  StoredMutation,
} from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { isQuotaBlockedSync } from './sqlite-quota';

interface HeldRow {
  message_id: string;
  mutation_id: string;
  conversation_id: string;
  text: string;
}

export function getMutationSync(db: Database.Database, mutationId: string): StoredMutation | null {
  const row = db.prepare('SELECT id, state, answer_json FROM mutations WHERE id = ?').get(mutationId) as
    | { id: string; state: 'pending' | 'done'; answer_json: string | null }
    | undefined;
  if (!row) return null;
  return { id: row.id, state: row.state, answer: row.answer_json ? (JSON.parse(row.answer_json) as MutationAck) : null };
}

/** The conversation's newest token (the only one the policy may use), with its use time. */
export function newestTokenSync(db: Database.Database, conversationId: string): { token: string; receivedAt: number; usedAt: number | null } | null {
  const row = db
    .prepare(
      `SELECT token, received_at, used_at FROM reply_tokens
       WHERE conversation_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1`,
    )
    .get(conversationId) as { token: string; received_at: number; used_at: number | null } | undefined;
  return row ? { token: row.token, receivedAt: row.received_at, usedAt: row.used_at } : null;
}

/** Marks the token used; `changes === 1` proves no other process claimed it first. */
function claimTokenSync(db: Database.Database, token: string, now: number): boolean {
  return db.prepare('UPDATE reply_tokens SET used_at = ? WHERE token = ? AND used_at IS NULL').run(now, token).changes === 1;
}

/** True when the conversation's newest reply token is unused and fresh (what claimFreshTokenSync would take). */
export function hasFreshTokenSync(db: Database.Database, conversationId: string, now: number): boolean {
  return hasUsableToken(newestTokenSync(db, conversationId), now);
}

function oldestHeldSync(db: Database.Database, conversationId: string, limit: number): ReplyItem[] {
  const rows = db
    .prepare(
      `SELECT message_id, mutation_id, conversation_id, text FROM outbound_messages
       WHERE conversation_id = ? AND delivery = 'held' ORDER BY created_at, rowid LIMIT ?`,
    )
    .all(conversationId, limit) as HeldRow[];
  return rows.map((row) => ({
    messageId: row.message_id,
    mutationId: row.mutation_id,
    conversationId: row.conversation_id,
    text: row.text,
  }));
}

/** Marks held items as going out with `token` and announces it (delivery `sending`). */
function takeHeldItemsSync(db: Database.Database, items: ReplyItem[], token: string, now: number): NewRelayEvent[] {
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

/** Stores the answer of a mutation that was recorded `pending` while LINE was being called. */
export function completeMutationSync(db: Database.Database, mutationId: string, answer: MutationAck, now: number): void {
  db.prepare(`UPDATE mutations SET state = 'done', answer_json = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(
    JSON.stringify(answer),
    now,
    mutationId,
  );
}

export function friendIdSync(db: Database.Database, conversationId: string): string {
  return (db.prepare('SELECT friend_id FROM conversations WHERE id = ?').get(conversationId) as { friend_id: string }).friend_id;
}

function windowClosedEvent(conversationId: string, now: number): NewRelayEvent {
  return { type: 'conversation.replyWindow', conversationId, occurredAt: now, payload: { tokenReceivedAt: null } };
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

export function beginReplySendSync(
  db: Database.Database,
  input: BeginReplySendInput,
): { result: BeginReplySendResult; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { result: { kind: 'repeat', mutation: repeat }, appended: [] };

  const conversation = db.prepare('SELECT id FROM conversations WHERE id = ?').get(input.conversationId);
  if (!conversation) {
    const answer: MutationAck = {
      ok: false,
      code: 'UNKNOWN_CONVERSATION',
      message: `No conversation ${input.conversationId} on this relay`,
    };
    recordMutationSync(db, { id: input.mutationId, type: 'reply.send', agentName: input.agentName, now: input.now, answer });
    return { result: { kind: 'answered', answer }, appended: [] };
  }

  const newest = newestTokenSync(db, input.conversationId);
  const held = oldestHeldSync(db, input.conversationId, MAX_MESSAGES_PER_REQUEST);
  const decision = decideDelivery({
    now: input.now,
    token: newest,
    held: held.map((item) => ({ id: item.messageId })),
    item: { id: input.messageId, kind: 'agent_reply', createdAt: input.now, pushConsent: input.pushConsent, retryKey: null },
    rules: input.rules,
    quotaBlocked: isQuotaBlockedSync(db),
    newRetryKey: input.newRetryKey,
  });
  const token = decision.action === 'reply' && newest && claimTokenSync(db, newest.token, input.now) ? newest.token : null;
  const delivery = decision.action === 'hold' ? 'held' : 'sending';
  const reason = decision.action === 'hold' ? decision.reason : null;

  db.prepare(
    `INSERT INTO outbound_messages
       (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at,
        push_consent, retry_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.messageId,
    input.mutationId,
    input.conversationId,
    input.text,
    input.agentName,
    delivery,
    reason,
    token,
    input.now,
    input.now,
    input.pushConsent ? 1 : 0,
    decision.action === 'push' ? decision.retryKey : null,
  );

  const events: NewRelayEvent[] = [
    {
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
      },
    },
  ];
  const riders = token ? held.filter((item) => decision.action === 'reply' && decision.batch.includes(item.messageId)) : [];
  if (token) events.push(...takeHeldItemsSync(db, riders, token, input.now), windowClosedEvent(input.conversationId, input.now));
  // Held for lack of a fresh token although the clients may still count down (an agent clock behind the relay's):
  // tell them the window is closed, on the relay's authority.
  else if (newest && newest.usedAt === null && !hasUsableToken(newest, input.now)) events.push(windowClosedEvent(input.conversationId, input.now));

  const heldAnswer: MutationAck = { ok: true, messageId: input.messageId, delivery: 'held', reason };
  recordMutationSync(db, {
    id: input.mutationId,
    type: 'reply.send',
    agentName: input.agentName,
    now: input.now,
    answer: delivery === 'held' ? heldAnswer : null,
  });
  const appended = appendEventsSync(db, events);

  const own: ReplyItem = {
    messageId: input.messageId,
    mutationId: input.mutationId,
    conversationId: input.conversationId,
    text: input.text,
  };
  if (decision.action === 'push') {
    return { result: { kind: 'push', item: { ...own, retryKey: decision.retryKey, friendId: friendIdSync(db, input.conversationId) } }, appended };
  }
  if (!token) return { result: { kind: 'answered', answer: heldAnswer }, appended };
  const batch: ClaimedReplyBatch = { conversationId: input.conversationId, replyToken: token, items: [...riders, own] };
  return { result: { kind: 'send', batch, messageDelivery: delivery, messageReason: reason }, appended };
}

export function claimHeldRepliesSync(
  db: Database.Database,
  conversationId: string,
  now: number,
  maxMessages: number,
): { batch: ClaimedReplyBatch | null; appended: RelayEvent[] } {
  const held = oldestHeldSync(db, conversationId, maxMessages);
  const newest = newestTokenSync(db, conversationId);
  const release = decideRelease(newest, held.map((item) => ({ id: item.messageId })), now);
  if (release.length === 0 || !newest || !claimTokenSync(db, newest.token, now)) return { batch: null, appended: [] };
  const token = newest.token;
  const events = [...takeHeldItemsSync(db, held, token, now), windowClosedEvent(conversationId, now)];
  return { batch: { conversationId, replyToken: token, items: held }, appended: appendEventsSync(db, events) };
}

export function settleReplyBatchSync(db: Database.Database, input: SettleReplyBatchInput): RelayEvent[] {
  const update = db.prepare(
    `UPDATE outbound_messages SET delivery = ?, reason = ?, reply_token = CASE WHEN ? = 'held' THEN NULL ELSE reply_token END,
       updated_at = ? WHERE message_id = ?`,
  );
  const events: NewRelayEvent[] = input.batch.items.map((item) => {
    update.run(input.delivery, input.reason, input.delivery, input.now, item.messageId);
    return {
      type: 'delivery.updated',
      conversationId: item.conversationId,
      occurredAt: input.now,
      payload: { messageId: item.messageId, mutationId: item.mutationId, delivery: input.delivery, reason: input.reason },
    };
  });
  if (input.completesMutation) {
    const { id, messageId } = input.completesMutation;
    completeMutationSync(db, id, { ok: true, messageId, delivery: input.delivery, reason: input.reason }, input.now);
  }
  return appendEventsSync(db, events);
}
