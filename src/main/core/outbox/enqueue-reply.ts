import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { replySendPayload } from '../../../shared/protocol/mutations';
import type { LocalDatabase } from '../store/database';
import { bumpLastMessage, getConversation } from '../store/conversations';
import { insertMessageIfNew } from '../store/messages';
import { getServerTimeOffset, getStoredAgent } from '../store/meta';
import { insertOutboxItem } from '../store/outbox';
import { refuseReplyText } from './reply-text';
import { refuseCountedPush } from './counted-push';

export type EnqueueReplyResult = { ok: true; messageId: string } | { ok: false; code: string; message: string };

/**
 * Queues a reply: the optimistic message and its outbox row are written in ONE transaction, so a reply is
 * either visible and pending, or not there at all. Works offline.
 */
export function enqueueReply(
  db: LocalDatabase,
  input: { conversationId: string; text: string; push?: boolean },
  now: () => number,
): EnqueueReplyResult {
  const payload = replySendPayload.safeParse(input);
  if (!payload.success) {
    return { ok: false, code: 'INVALID_REPLY', message: payload.error.issues.map((issue) => issue.message).join('; ') };
  }
  const conversation = getConversation(db, payload.data.conversationId);
  if (!conversation) {
    return { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${payload.data.conversationId} here` };
  }
  const refused = refuseReplyText(conversation.channel, payload.data.text) ?? refuseCountedPush(conversation.channel, payload.data.push);
  if (refused) return refused;
  const id = randomUUID();
  const agentNow = now();
  // Messages are ordered on the relay clock; estimate it so this reply sorts after what the agent saw.
  const relayNow = agentNow + getServerTimeOffset(db);
  db.transaction(() => {
    insertMessageIfNew(db, {
      id,
      serverId: null,
      conversationId: payload.data.conversationId,
      direction: 'out',
      kind: 'text',
      text: payload.data.text,
      createdAt: relayNow,
      author: getStoredAgent(db)?.name ?? null,
      delivery: 'queued',
      deliveryReason: null,
      mutationId: id,
      contentJson: payload.data.quoteOf ? JSON.stringify({ quotedMessageId: payload.data.quoteOf }) : null,
    });
    insertOutboxItem(db, {
      id,
      type: 'reply.send',
      payload: payload.data satisfies z.infer<typeof replySendPayload>,
      conversationId: payload.data.conversationId,
      createdAt: agentNow,
    });
    bumpLastMessage(db, payload.data.conversationId, { at: relayNow, preview: payload.data.text, direction: 'out' }, 0);
  })();
  return { ok: true, messageId: id };
}
