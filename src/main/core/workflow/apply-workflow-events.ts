import type { RelayEventOf } from '../../../shared/protocol';
import { NOTE_KIND, type ActivityLine } from '../../../shared/ipc/workflow-views';
import type { LocalDatabase } from '../store/database';
import { findMessageByMutationId, setMessageCreatedAt, insertMessageIfNew } from '../store/messages';
import { getStoredAgent } from '../store/meta';
import { deleteOutboxItem } from '../store/outbox';
import { statement } from '../store/statements';
import { clearPending, confirmNote, insertActivityLine, storeInboxSettings } from './workflow-store';

export type WorkflowEvent = RelayEventOf<'conversation.statusChanged' | 'conversation.assigned' | 'note.added' | 'customer.noteUpdated' | 'settings.updated'>;

/**
 * Mirrors the relay's team inbox: status, assignee, notes, customers' notes, settings. The author's queued change
 * is settled here too (its outbox row goes even if the relay's answer was lost), and each status or assignment
 * change becomes a workflow line in the thread. A note's `delivery` is 'queued' while only this app has it, NULL
 * once the relay does ('failed' if refused): it is never a reply, and no report counts it.
 */
export function applyWorkflowEvent(db: LocalDatabase, event: WorkflowEvent, scopes: Set<string>): void {
  switch (event.type) {
    case 'conversation.statusChanged': {
      const { payload } = event;
      statement(db, 'UPDATE conversations SET status = ?, snoozed_until = ? WHERE id = ?').run(payload.status, payload.snoozedUntil, event.conversationId);
      recordChange(db, event, { action: 'status', status: payload.status, snoozedUntil: payload.snoozedUntil, cause: payload.cause }, scopes);
      break;
    }
    case 'conversation.assigned': {
      const { payload } = event;
      statement(db, 'UPDATE conversations SET assignee = ? WHERE id = ?').run(payload.assignee, event.conversationId);
      recordChange(db, event, { action: 'assigned', assignee: payload.assignee, cause: payload.cause }, scopes);
      break;
    }
    case 'note.added':
      applyNote(db, event, scopes);
      break;
    case 'customer.noteUpdated': {
      const { payload } = event;
      statement(
        db,
        `INSERT INTO customer_notes (friend_id, text, updated_by, updated_at) VALUES (@friendId, @text, @by, @at)
         ON CONFLICT (friend_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
           pending_text = CASE WHEN customer_notes.pending_mutation_id = @mutationId THEN NULL ELSE customer_notes.pending_text END,
           pending_mutation_id = CASE WHEN customer_notes.pending_mutation_id = @mutationId THEN NULL ELSE customer_notes.pending_mutation_id END`,
      ).run({ friendId: payload.friendId, text: payload.text, by: payload.agentName, at: event.occurredAt, mutationId: payload.mutationId });
      deleteOutboxItem(db, payload.mutationId);
      scopes.add(`customer:${payload.friendId}`);
      break;
    }
    case 'settings.updated':
      if (storeInboxSettings(db, event.payload.version, event.payload.settings)) scopes.add('settings');
      break;
  }
  scopes.add('inbox');
}

/** A status or assignment change: the author's queued change is settled and the thread gets its line. */
function recordChange(
  db: LocalDatabase,
  event: RelayEventOf<'conversation.statusChanged' | 'conversation.assigned'>,
  activity: ActivityLine,
  scopes: Set<string>,
): void {
  const { mutationId, agentName } = event.payload;
  if (mutationId !== null) {
    clearPending(db, event.conversationId, mutationId);
    deleteOutboxItem(db, mutationId);
  }
  insertActivityLine(db, { id: `activity:${event.seq}`, conversationId: event.conversationId, createdAt: event.occurredAt, author: agentName, activity });
  scopes.add(`conversation:${event.conversationId}`);
}

function applyNote(db: LocalDatabase, event: RelayEventOf<'note.added'>, scopes: Set<string>): void {
  const { payload } = event;
  const mine = findMessageByMutationId(db, payload.noteId);
  if (mine) {
    // This app's own note: confirmed, and placed at the relay's time like every other client places it.
    confirmNote(db, mine.id);
    if (mine.created_at !== event.occurredAt) setMessageCreatedAt(db, mine.id, event.occurredAt);
    deleteOutboxItem(db, payload.noteId);
  } else {
    insertMessageIfNew(db, {
      id: payload.noteId,
      serverId: payload.noteId,
      conversationId: event.conversationId,
      direction: 'out',
      kind: NOTE_KIND,
      text: payload.text,
      createdAt: event.occurredAt,
      author: payload.agentName,
      delivery: null,
      deliveryReason: null,
      mutationId: payload.noteId,
    });
    const me = getStoredAgent(db)?.name;
    if (me !== undefined && payload.agentName !== me && payload.mentions.includes(me)) {
      statement(db, 'UPDATE conversations SET unseen_mentions = unseen_mentions + 1 WHERE id = ?').run(event.conversationId);
      scopes.add('mentions');
    }
  }
  scopes.add(`conversation:${event.conversationId}`);
}
