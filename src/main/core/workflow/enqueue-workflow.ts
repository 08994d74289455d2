import { randomUUID } from 'node:crypto';
import type { ConversationStatus } from '../../../shared/workflow/conversation-status';
import { findMentions } from '../../../shared/workflow/mentions';
import { NOTE_KIND } from '../../../shared/ipc/workflow-views';
import type { ConversationAssignPayload, ConversationSetStatusPayload, CustomerSetNotePayload, NoteAddPayload } from '../../../shared/protocol';
import type { LocalDatabase } from '../store/database';
import { getConversation } from '../store/conversations';
import { insertMessageIfNew } from '../store/messages';
import { getCursor, getServerTimeOffset, getStoredAgent } from '../store/meta';
import { insertOutboxItem } from '../store/outbox';
import { statement } from '../store/statements';
import { setPendingAssignee, setPendingStatus, teamMembersOf } from './workflow-store';

/**
 * Queues a team-inbox change in the conversation's outbox lane with what the agent sees changed in the same
 * transaction: works offline, shows at once. Each carries `seenSeq` = this app's cursor now (the newest event the
 * agent had seen), so the relay can merge it with changes made meanwhile (docs/protocol.md, "the merge rule").
 */

export type EnqueueResult<T extends object = object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

function unknownConversation(conversationId: string): { ok: false; code: string; message: string } {
  return { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${conversationId} here` };
}

function queue(db: LocalDatabase, conversationId: string, type: string, payload: object, now: number, apply: (id: string) => void): string {
  const id = randomUUID();
  db.transaction(() => {
    insertOutboxItem(db, { id, type, payload, conversationId, createdAt: now });
    apply(id);
  })();
  return id;
}

export function enqueueStatus(
  db: LocalDatabase,
  input: { conversationId: string; status: ConversationStatus; snoozedUntil: number | null },
  now: number,
): EnqueueResult {
  if (!getConversation(db, input.conversationId)) return unknownConversation(input.conversationId);
  if (input.status === 'snoozed' && (input.snoozedUntil === null || input.snoozedUntil <= now)) {
    return { ok: false, code: 'INVALID_SNOOZE', message: 'A snooze needs a time in the future' };
  }
  // The relay decides snoozes on its own clock.
  const snoozedUntil = input.status === 'snoozed' && input.snoozedUntil !== null ? input.snoozedUntil + getServerTimeOffset(db) : null;
  const payload: ConversationSetStatusPayload = {
    conversationId: input.conversationId,
    status: input.status,
    snoozedUntil,
    seenSeq: getCursor(db),
    clientTime: now,
  };
  queue(db, input.conversationId, 'conversation.setStatus', payload, now, (id) => setPendingStatus(db, input.conversationId, id, input.status, snoozedUntil));
  return { ok: true };
}

export function enqueueAssign(db: LocalDatabase, input: { conversationId: string; assignee: string | null }, now: number): EnqueueResult {
  if (!getConversation(db, input.conversationId)) return unknownConversation(input.conversationId);
  const payload: ConversationAssignPayload = { conversationId: input.conversationId, assignee: input.assignee, seenSeq: getCursor(db), clientTime: now };
  queue(db, input.conversationId, 'conversation.assign', payload, now, (id) => setPendingAssignee(db, input.conversationId, id, input.assignee));
  return { ok: true };
}

/** The note shows in the thread at once (delivery 'queued' until the relay has it); its id is the mutation id. */
export function enqueueNote(db: LocalDatabase, input: { conversationId: string; text: string }, now: number): EnqueueResult<{ noteId: string }> {
  if (!getConversation(db, input.conversationId)) return unknownConversation(input.conversationId);
  const text = input.text.trim();
  if (text === '') return { ok: false, code: 'EMPTY', message: 'Note text is empty' };
  const author = getStoredAgent(db)?.name ?? '';
  const mentions = findMentions(text, teamMembersOf(db).map((member) => member.name)).filter((name) => name !== author);
  const payload: NoteAddPayload = { conversationId: input.conversationId, text, mentions, clientTime: now };
  const noteId = queue(db, input.conversationId, 'note.add', payload, now, (id) =>
    insertMessageIfNew(db, {
      id,
      serverId: null,
      conversationId: input.conversationId,
      direction: 'out',
      kind: NOTE_KIND,
      text,
      createdAt: now + getServerTimeOffset(db),
      author,
      delivery: 'queued',
      deliveryReason: null,
      mutationId: id,
    }),
  );
  return { ok: true, noteId };
}

export function enqueueCustomerNote(db: LocalDatabase, input: { conversationId: string; text: string }, now: number): EnqueueResult {
  const conversation = getConversation(db, input.conversationId);
  if (!conversation) return unknownConversation(input.conversationId);
  const payload: CustomerSetNotePayload = { friendId: conversation.friend_id, text: input.text, seenSeq: getCursor(db), clientTime: now };
  queue(db, input.conversationId, 'customer.setNote', payload, now, (id) =>
    statement(
      db,
      `INSERT INTO customer_notes (friend_id, text, pending_mutation_id, pending_text) VALUES (?, '', ?, ?)
       ON CONFLICT (friend_id) DO UPDATE SET pending_mutation_id = excluded.pending_mutation_id, pending_text = excluded.pending_text`,
    ).run(conversation.friend_id, id, input.text),
  );
  return { ok: true };
}
