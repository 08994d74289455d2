import { z } from 'zod';
import { isPermanentMutationError, tagMutationAckSchema } from '../../../shared/protocol';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem, type OutboxRow } from '../store/outbox';
import { refreshFriendTags } from './friend-tags';

const rowPayloadSchema = z.object({ friendId: z.string(), tag: z.string() });

export function isTagOutboxRow(row: Pick<OutboxRow, 'type'>): boolean {
  return row.type === 'tag.add' || row.type === 'tag.remove';
}

export type TagAckOutcome = { kind: 'settled'; scopes: string[] } | { kind: 'retry'; error: string };

/**
 * The relay answered a queued tag change. Accepted: the row goes (the tag.* event brings the relay's
 * state). Refused for good (TAG_LIMIT…): the row goes and the refusal is kept for its author to see.
 */
export function settleTagAck(db: LocalDatabase, row: OutboxRow, rawAck: unknown, now: number): TagAckOutcome {
  const ack = tagMutationAckSchema.safeParse(rawAck);
  if (!ack.success) return { kind: 'retry', error: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
  if (!ack.data.ok && !isPermanentMutationError(ack.data.code)) return { kind: 'retry', error: `${ack.data.code}: ${ack.data.message}` };
  const payload = rowPayloadSchema.parse(JSON.parse(row.payload));
  const refusal = ack.data.ok ? null : ack.data;
  db.transaction(() => {
    deleteOutboxItem(db, row.id);
    if (refusal) recordTagRejection(db, { mutationId: row.id, friendId: payload.friendId, tag: payload.tag, code: refusal.code, message: refusal.message, at: now });
    refreshFriendTags(db, payload.friendId);
  })();
  return { kind: 'settled', scopes: ['tags', `tags:${payload.friendId}`, 'inbox', 'sync'] };
}

export function recordTagRejection(
  db: LocalDatabase,
  rejection: { mutationId: string; friendId: string; tag: string; code: string; message: string; at: number },
): void {
  db.prepare(
    `INSERT OR IGNORE INTO tag_rejections (mutation_id, friend_id, tag, code, message, rejected_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(rejection.mutationId, rejection.friendId, rejection.tag, rejection.code, rejection.message, rejection.at);
}
