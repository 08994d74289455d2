import { randomUUID } from 'node:crypto';
import type { conversationMarkReadPayload } from '../../../shared/protocol/mutations';
import type { z } from 'zod';
import type { LocalDatabase } from '../store/database';
import { insertOutboxItem, MARK_READ_MUTATION } from '../store/outbox';

/**
 * Queues `conversation.markRead` (in the caller's transaction; works offline) so the relay marks the
 * customer's messages read on LINE. One waiting request per conversation is enough: the relay always uses
 * the newest markAsReadToken it has when the request arrives.
 */
export function enqueueMarkRead(db: LocalDatabase, conversationId: string, now: number): boolean {
  const waiting = db
    .prepare(`SELECT 1 FROM outbox WHERE type = ? AND conversation_id = ? AND state = 'queued'`)
    .get(MARK_READ_MUTATION, conversationId);
  if (waiting) return false;
  const payload: z.infer<typeof conversationMarkReadPayload> = { conversationId };
  insertOutboxItem(db, { id: randomUUID(), type: MARK_READ_MUTATION, payload, conversationId, createdAt: now });
  return true;
}
