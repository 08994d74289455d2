import { z } from 'zod';
import {
  conversationAssignResultSchema,
  conversationSetStatusResultSchema,
  customerSetNoteResultSchema,
  isPermanentMutationError,
  mutationErrorSchema,
  noteAddResultSchema,
  WORKFLOW_MUTATION_TYPES,
} from '../../../shared/protocol';
import type { ActivityLine } from '../../../shared/ipc/workflow-views';
import { parseJsonOrNull } from '../json';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem, type OutboxRow } from '../store/outbox';
import { getServerTimeOffset } from '../store/meta';
import { statement } from '../store/statements';
import { clearPending, confirmNote, insertActivityLine, refuseNote } from './workflow-store';

const TYPES: ReadonlySet<string> = new Set(WORKFLOW_MUTATION_TYPES);

export function isWorkflowOutboxRow(row: Pick<OutboxRow, 'type'>): boolean {
  return TYPES.has(row.type);
}

const ackSchema = z.union([
  conversationSetStatusResultSchema,
  conversationAssignResultSchema,
  noteAddResultSchema,
  customerSetNoteResultSchema,
  mutationErrorSchema,
]);

const CHANGE_OF: Record<string, Extract<ActivityLine, { action: 'refused' }>['change']> = {
  'conversation.setStatus': 'status',
  'conversation.assign': 'assignee',
  'note.add': 'note',
  'customer.setNote': 'customer_note',
};

export type WorkflowAckOutcome = { kind: 'settled'; scopes: string[] } | { kind: 'retry'; error: string };

/**
 * The relay answered a queued team-inbox change. Applied: the event brings the new state (or already did). Not
 * applied — refused (FORBIDDEN, UNKNOWN_AGENT …) or superseded by a change the agent had not seen — the relay's
 * value shows again and a line in the thread tells the agent what happened to their change, so nothing is lost
 * silently. INTERNAL or an unreadable answer: sent again with the same id.
 */
export function settleWorkflowAck(db: LocalDatabase, row: OutboxRow, rawAck: unknown, now: number): WorkflowAckOutcome {
  const ack = ackSchema.safeParse(rawAck);
  if (!ack.success) return { kind: 'retry', error: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
  const answer = ack.data;
  if (!answer.ok && !isPermanentMutationError(answer.code)) return { kind: 'retry', error: `${answer.code}: ${answer.message}` };
  const conversationId = row.conversation_id;
  const refusal: { reason: string; detail: string } | null = !answer.ok
    ? { reason: answer.code, detail: answer.message }
    : 'superseded' in answer && answer.superseded
      ? { reason: answer.superseded, detail: 'assignee' in answer ? (answer.assignee ?? '') : 'status' in answer ? answer.status : '' }
      : null;
  db.transaction(() => {
    deleteOutboxItem(db, row.id);
    clearPending(db, conversationId, row.id);
    if (row.type === 'note.add') {
      if (answer.ok) confirmNote(db, row.id);
      else refuseNote(db, row.id, answer.message);
    }
    if (row.type === 'customer.setNote') {
      const friendId = (parseJsonOrNull(row.payload) as { friendId?: string } | null)?.friendId;
      if (friendId) statement(db, 'UPDATE customer_notes SET pending_mutation_id = NULL, pending_text = NULL WHERE friend_id = ? AND pending_mutation_id = ?').run(friendId, row.id);
    }
    if (refusal && row.type !== 'note.add') {
      insertActivityLine(db, {
        id: `refused:${row.id}`,
        conversationId,
        createdAt: now + getServerTimeOffset(db),
        author: null,
        activity: { action: 'refused', change: CHANGE_OF[row.type] ?? 'status', ...refusal },
      });
    }
  })();
  return { kind: 'settled', scopes: ['inbox', 'sync', `conversation:${conversationId}`, 'customer'] };
}
