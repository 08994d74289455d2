import { refuseCountedPush } from './counted-push';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { MessageDelivery } from '../../../shared/ipc/views';
import { replySendAckSchema, replyEditPayload, replySendPayload, type Mutation } from '../../../shared/protocol/mutations';
import type { LocalDatabase } from '../store/database';
import { getConversation } from '../store/conversations';
import { getMessage, updateMessageText, updateOutgoingDelivery } from '../store/messages';
import { deleteOutboxItem, getOutboxItem, updateOutboxPayload } from '../store/outbox';
import { errorMessage } from '../sync/apply-events';
import { refuseReplyText } from './reply-text';

export type ReplyActionType = 'reply.cancel' | 'reply.edit' | 'reply.push';
export type ReplyActionResult = { ok: true; delivery: MessageDelivery } | { ok: false; code: string; message: string };

export interface ReplyActionContext {
  db: () => LocalDatabase;
  /** Sends a mutation to the relay now (rejects when unreachable). */
  send: (mutation: Mutation) => Promise<unknown>;
  kickOutbox: () => void;
  notify: (scopes: string[]) => void;
}

/** A lost answer is retried with the SAME mutation id, so the relay applies the action once. */
const ATTEMPTS = 3;

/**
 * Cancel, edit or push one of the agent's messages. A reply still waiting in the local outbox is changed
 * right here (works offline). Once the relay has it, the action is a mutation and needs the relay: a held
 * message lives there, and the agent must know at once whether a paid push happened.
 */
export async function applyReplyAction(
  context: ReplyActionContext,
  type: ReplyActionType,
  input: { messageId: string; text?: string },
): Promise<ReplyActionResult> {
  const db = context.db();
  const message = getMessage(db, input.messageId);
  if (!message || message.direction !== 'out') {
    return { ok: false, code: 'UNKNOWN_MESSAGE', message: `No reply ${input.messageId} here` };
  }
  const text = type === 'reply.edit' ? replyEditPayload.shape.text.safeParse(input.text ?? '') : null;
  if (text && !text.success) return { ok: false, code: 'INVALID_REPLY', message: text.error.issues.map((issue) => issue.message).join('; ') };
  if (text?.success) {
    const channel = getConversation(db, message.conversation_id)?.channel ?? 'line';
    const refused = refuseReplyText(channel, text.data);
    if (refused) return refused;
  }
  if (type === 'reply.push') {
    const refused = refuseCountedPush(getConversation(db, message.conversation_id)?.channel ?? 'line', true);
    if (refused) return refused;
  }
  const scopes = ['inbox', 'sync', `conversation:${message.conversation_id}`];

  const queued = message.mutation_id ? getOutboxItem(db, message.mutation_id) : null;
  // A queued reply that was sent at least once may already be on the relay (its answer was lost): the relay
  // binds a mutation id to its first payload, so an edit or a push flag would now be refused as ID_REUSED —
  // and the first text may have gone out. Wait for the confirmation instead; cancelling stays possible.
  if (queued && queued.state === 'queued' && queued.attempts > 0 && type !== 'reply.cancel') {
    return {
      ok: false,
      code: 'MAYBE_SENT',
      message: 'This reply may already have reached the relay; wait until it is confirmed, then change it',
    };
  }
  if (queued && queued.state !== 'sending') {
    const payload = replySendPayload.parse(JSON.parse(queued.payload));
    db.transaction(() => {
      if (type === 'reply.cancel') {
        deleteOutboxItem(db, queued.id);
        db.prepare(`UPDATE messages SET delivery = 'cancelled', delivery_reason = NULL WHERE id = ?`).run(message.id);
      } else if (type === 'reply.edit' && text?.success) {
        updateOutboxPayload(db, queued.id, { ...payload, text: text.data });
        updateMessageText(db, message.id, text.data);
      } else if (type === 'reply.push') {
        updateOutboxPayload(db, queued.id, { ...payload, push: true });
      }
    })();
    context.notify(scopes);
    if (type === 'reply.push') context.kickOutbox();
    return { ok: true, delivery: type === 'reply.cancel' ? 'cancelled' : (getMessage(db, message.id)?.delivery ?? 'queued') };
  }
  if (queued || !message.server_id) {
    return { ok: false, code: 'IN_FLIGHT', message: 'This reply is being sent right now; try again in a moment' };
  }

  const mutation = {
    id: randomUUID(),
    type,
    payload: type === 'reply.edit' ? { messageId: message.server_id, text: text?.data } : { messageId: message.server_id },
  } as Mutation;
  let lastError = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    let raw: unknown;
    try {
      raw = await context.send(mutation);
    } catch (error) {
      lastError = errorMessage(error);
      continue;
    }
    const ack = replySendAckSchema.safeParse(raw);
    if (!ack.success) return { ok: false, code: 'BAD_ANSWER', message: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
    if (!ack.data.ok) {
      if (ack.data.code === 'INTERNAL') {
        lastError = ack.data.message;
        continue;
      }
      return { ok: false, code: ack.data.code, message: ack.data.message };
    }
    const current = context.db();
    const { delivery, reason } = ack.data;
    current.transaction(() => {
      updateOutgoingDelivery(current, message.id, { delivery, reason });
      if (type === 'reply.edit' && text?.success) updateMessageText(current, message.id, text.data);
    })();
    context.notify(scopes);
    return { ok: true, delivery };
  }
  return { ok: false, code: 'OFFLINE', message: `The relay could not be reached: ${lastError}` };
}
