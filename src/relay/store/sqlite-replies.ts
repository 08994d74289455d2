import type Database from 'better-sqlite3';
import { isReplyTokenFresh } from '../../shared/delivery/reply-window';
import type { MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type {
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ReplyItem,
  SettleReplyBatchInput,
  StoredMutation,
} from './relay-store';
import { appendEventsSync } from './sqlite-event-log';

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

/**
 * Claims the conversation's newest token if it is unused and still fresh. Older tokens are never
 * used, even when unused: once a newer one exists (used or not) they are stale by policy.
 * `changes === 1` proves no other process claimed it first.
 */
function claimFreshTokenSync(db: Database.Database, conversationId: string, now: number): string | null {
  const newest = db
    .prepare(
      `SELECT token, received_at, used_at FROM reply_tokens
       WHERE conversation_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1`,
    )
    .get(conversationId) as { token: string; received_at: number; used_at: number | null } | undefined;
  if (!newest || newest.used_at !== null || !isReplyTokenFresh(newest.received_at, now)) return null;
  const claimed = db.prepare('UPDATE reply_tokens SET used_at = ? WHERE token = ? AND used_at IS NULL').run(now, newest.token);
  return claimed.changes === 1 ? newest.token : null;
}

/** True when the conversation's newest reply token is unused and fresh (what claimFreshTokenSync would take). */
export function hasFreshTokenSync(db: Database.Database, conversationId: string, now: number): boolean {
  const newest = db
    .prepare(
      `SELECT received_at, used_at FROM reply_tokens
       WHERE conversation_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1`,
    )
    .get(conversationId) as { received_at: number; used_at: number | null } | undefined;
  return newest !== undefined && newest.used_at === null && isReplyTokenFresh(newest.received_at, now);
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

function windowClosedEvent(conversationId: string, now: number): NewRelayEvent {
  return { type: 'conversation.replyWindow', conversationId, occurredAt: now, payload: { tokenReceivedAt: null } };
}

function recordMutationSync(
  db: Database.Database,
  input: { id: string; agentName: string; now: number; answer: MutationAck | null },
): void {
  db.prepare(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at)
     VALUES (?, 'reply.send', ?, ?, ?, ?, ?)`,
  ).run(
    input.id,
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
    recordMutationSync(db, { id: input.mutationId, agentName: input.agentName, now: input.now, answer });
    return { result: { kind: 'answered', answer }, appended: [] };
  }

  const token = claimFreshTokenSync(db, input.conversationId, input.now);
  // Held replies are older than this one: they go first, and this one waits if they fill the request.
  const held = token ? oldestHeldSync(db, input.conversationId, input.maxMessagesPerReply) : [];
  const fitsInThisReply = token !== null && held.length < input.maxMessagesPerReply;
  const delivery = fitsInThisReply ? 'sending' : 'held';
  const reason = fitsInThisReply ? null : token ? input.queuedReason : input.heldReason;

  db.prepare(
    `INSERT INTO outbound_messages
       (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.messageId,
    input.mutationId,
    input.conversationId,
    input.text,
    input.agentName,
    delivery,
    reason,
    fitsInThisReply ? token : null,
    input.now,
    input.now,
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
  if (token) {
    events.push(...takeHeldItemsSync(db, held, token, input.now), windowClosedEvent(input.conversationId, input.now));
  }

  const heldAnswer: MutationAck = { ok: true, messageId: input.messageId, delivery: 'held', reason };
  recordMutationSync(db, {
    id: input.mutationId,
    agentName: input.agentName,
    now: input.now,
    answer: fitsInThisReply ? null : heldAnswer,
  });
  const appended = appendEventsSync(db, events);

  if (!token) return { result: { kind: 'answered', answer: heldAnswer }, appended };
  const own: ReplyItem = {
    messageId: input.messageId,
    mutationId: input.mutationId,
    conversationId: input.conversationId,
    text: input.text,
  };
  const batch: ClaimedReplyBatch = {
    conversationId: input.conversationId,
    replyToken: token,
    items: fitsInThisReply ? [...held, own] : held,
  };
  return { result: { kind: 'send', batch, messageDelivery: delivery, messageReason: reason }, appended };
}

export function claimHeldRepliesSync(
  db: Database.Database,
  conversationId: string,
  now: number,
  maxMessages: number,
): { batch: ClaimedReplyBatch | null; appended: RelayEvent[] } {
  const held = oldestHeldSync(db, conversationId, maxMessages);
  if (held.length === 0) return { batch: null, appended: [] };
  const token = claimFreshTokenSync(db, conversationId, now);
  if (!token) return { batch: null, appended: [] };
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
    const answer: MutationAck = {
      ok: true,
      messageId: input.completesMutation.messageId,
      delivery: input.delivery,
      reason: input.reason,
    };
    db.prepare(`UPDATE mutations SET state = 'done', answer_json = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(
      JSON.stringify(answer),
      input.now,
      input.completesMutation.id,
    );
  }
  return appendEventsSync(db, events);
}
