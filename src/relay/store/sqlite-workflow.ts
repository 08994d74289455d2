import type Database from 'better-sqlite3';
import type { MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { ConversationStatus } from '../../shared/workflow/conversation-status';
import { customerMessageSupersedesStatus } from '../../shared/workflow/customer-message';
import { appendEventsSync } from './sqlite-event-log';
import { getMutationSync, recordMutationSync } from './sqlite-replies';
import { activeMemberSync, inboxSettingsSync, nextRoundRobinAgentSync } from './sqlite-team-admin';
import { statement } from './statements';
import type { ConversationWorkflowRecord, WorkflowMutation, WorkflowMutationInput } from './workflow-store-types';

/**
 * Status, assignment and internal notes of conversations, and customers' notes (docs/protocol.md, "Team inbox").
 * Every change is one transaction with its event and stored answer.
 *
 * The merge rule for concurrent (offline) changes: a change carries `seenSeq`, the newest event its author had
 * seen. It is not applied when, after that seq, someone else changed the same field — another agent, or a
 * customer message that reopened the work (status) — recorded in `workflow_marks`. Different fields never block
 * each other: done offline by A and reassigned online by B ends done AND assigned to B, on every client.
 */

type Outcome = { answer: MutationAck; events: NewRelayEvent[]; mark?: { scope: MarkScope; subject: string } };
type MarkScope = 'status' | 'assignment' | 'customer_note';

interface WorkflowRow {
  status: ConversationStatus;
  snoozed_until: number | null;
  assignee: string | null;
}

export function conversationWorkflowSync(db: Database.Database, conversationId: string): ConversationWorkflowRecord {
  const row = statement(db, 'SELECT status, snoozed_until, assignee FROM conversation_workflow WHERE conversation_id = ?').get(conversationId) as
    | WorkflowRow
    | undefined;
  return { conversationId, status: row?.status ?? 'open', snoozedUntil: row?.snoozed_until ?? null, assignee: row?.assignee ?? null };
}

function saveWorkflowSync(db: Database.Database, record: ConversationWorkflowRecord, now: number): void {
  statement(
    db,
    `INSERT INTO conversation_workflow (conversation_id, status, snoozed_until, assignee, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET status = excluded.status, snoozed_until = excluded.snoozed_until,
       assignee = excluded.assignee, updated_at = excluded.updated_at`,
  ).run(record.conversationId, record.status, record.snoozedUntil, record.assignee, now);
}

function markSync(db: Database.Database, scope: MarkScope, subject: string, seq: number, agentName: string | null): void {
  statement(db, 'INSERT INTO workflow_marks (scope, subject, seq, agent_name) VALUES (?, ?, ?, ?)').run(scope, subject, seq, agentName);
}

/** The newest change of (scope, subject) after `seenSeq` by anyone but `agentName`, or undefined. */
function unseenChangeSync(db: Database.Database, scope: MarkScope, subject: string, seenSeq: number | undefined, agentName: string) {
  if (seenSeq === undefined) return undefined;
  return statement(
    db,
    `SELECT agent_name FROM workflow_marks WHERE scope = ? AND subject = ? AND seq > ? AND (agent_name IS NULL OR agent_name <> ?)
     ORDER BY seq DESC LIMIT 1`,
  ).get(scope, subject, seenSeq, agentName) as { agent_name: string | null } | undefined;
}

function conversationExists(db: Database.Database, conversationId: string): boolean {
  return statement(db, 'SELECT 1 FROM conversations WHERE id = ?').get(conversationId) !== undefined;
}

function unknownConversation(conversationId: string): Outcome {
  return { answer: { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${conversationId} on this relay` }, events: [] };
}

const authorOf = (input: WorkflowMutationInput) => ({
  agentName: input.agent.name,
  mutationId: input.mutation.id,
  clientTime: input.mutation.payload.clientTime ?? null,
});

function setStatus(db: Database.Database, input: WorkflowMutationInput & { mutation: Extract<WorkflowMutation, { type: 'conversation.setStatus' }> }): Outcome {
  const { payload } = input.mutation;
  if (!conversationExists(db, payload.conversationId)) return unknownConversation(payload.conversationId);
  const current = conversationWorkflowSync(db, payload.conversationId);
  const snoozedUntil = payload.status === 'snoozed' ? (payload.snoozedUntil ?? null) : null;
  const unchanged = (superseded?: 'customer_wrote' | 'status_changed'): Outcome => ({
    answer: { ok: true, changed: false, status: current.status, snoozedUntil: current.snoozedUntil, ...(superseded ? { superseded } : {}) },
    events: [],
  });
  const unseen = unseenChangeSync(db, 'status', payload.conversationId, payload.seenSeq, input.agent.name);
  if (unseen) return unchanged(unseen.agent_name === null ? 'customer_wrote' : 'status_changed');
  if (current.status === payload.status && current.snoozedUntil === snoozedUntil) return unchanged();
  saveWorkflowSync(db, { ...current, status: payload.status, snoozedUntil }, input.now);
  return {
    answer: { ok: true, changed: true, status: payload.status, snoozedUntil },
    events: [
      {
        type: 'conversation.statusChanged',
        conversationId: payload.conversationId,
        occurredAt: input.now,
        payload: { status: payload.status, snoozedUntil, previous: current.status, cause: 'agent', ...authorOf(input) },
      },
    ],
    mark: { scope: 'status', subject: payload.conversationId },
  };
}

function assign(db: Database.Database, input: WorkflowMutationInput & { mutation: Extract<WorkflowMutation, { type: 'conversation.assign' }> }): Outcome {
  const { payload } = input.mutation;
  if (!conversationExists(db, payload.conversationId)) return unknownConversation(payload.conversationId);
  const current = conversationWorkflowSync(db, payload.conversationId);
  const unchanged = (superseded?: 'assignment_changed'): Outcome => ({
    answer: { ok: true, changed: false, assignee: current.assignee, ...(superseded ? { superseded } : {}) },
    events: [],
  });
  if (unseenChangeSync(db, 'assignment', payload.conversationId, payload.seenSeq, input.agent.name)) return unchanged('assignment_changed');
  // Agents take conversations and let go of their own; giving one to someone else, or taking it from them, is a lead's.
  const me = input.agent.name;
  const agentMay = payload.assignee === me || (payload.assignee === null && (current.assignee === null || current.assignee === me));
  if (input.agent.role !== 'lead' && !agentMay) {
    return { answer: { ok: false, code: 'FORBIDDEN', message: 'Only a team lead may assign a conversation to someone else or take it from them' }, events: [] };
  }
  if (payload.assignee !== null && !activeMemberSync(db, payload.assignee)) {
    return { answer: { ok: false, code: 'UNKNOWN_AGENT', message: `No active team member is called "${payload.assignee}"` }, events: [] };
  }
  if (current.assignee === payload.assignee) return unchanged();
  saveWorkflowSync(db, { ...current, assignee: payload.assignee }, input.now);
  return {
    answer: { ok: true, changed: true, assignee: payload.assignee },
    events: [
      {
        type: 'conversation.assigned',
        conversationId: payload.conversationId,
        occurredAt: input.now,
        payload: { assignee: payload.assignee, previous: current.assignee, cause: 'agent', ...authorOf(input) },
      },
    ],
    mark: { scope: 'assignment', subject: payload.conversationId },
  };
}

function addNote(db: Database.Database, input: WorkflowMutationInput & { mutation: Extract<WorkflowMutation, { type: 'note.add' }> }): Outcome {
  const { payload, id } = input.mutation;
  if (!conversationExists(db, payload.conversationId)) return unknownConversation(payload.conversationId);
  // Only real members are notified; a mention of a name no one has is just text.
  const mentions = [...new Set(payload.mentions)].filter((name) => activeMemberSync(db, name));
  return {
    answer: { ok: true, noteId: id, mentions },
    events: [
      {
        type: 'note.added',
        conversationId: payload.conversationId,
        occurredAt: input.now,
        payload: { noteId: id, text: payload.text, mentions, agentName: input.agent.name, clientTime: payload.clientTime ?? null },
      },
    ],
  };
}

/**
 * The whole text replaces the notes, unless someone else saved notes the author had not seen: then nothing of
 * theirs is lost — the newest text stays and the author's edit is added below it, marked with the author's name.
 */
function setCustomerNote(db: Database.Database, input: WorkflowMutationInput & { mutation: Extract<WorkflowMutation, { type: 'customer.setNote' }> }): Outcome {
  const { payload } = input.mutation;
  if (statement(db, 'SELECT 1 FROM conversations WHERE friend_id = ? LIMIT 1').get(payload.friendId) === undefined) {
    return { answer: { ok: false, code: 'UNKNOWN_FRIEND', message: `No customer ${payload.friendId} on this relay` }, events: [] };
  }
  const current = (statement(db, 'SELECT text FROM customer_notes WHERE friend_id = ?').get(payload.friendId) as { text: string } | undefined)?.text ?? '';
  const incoming = payload.text.trim();
  const stale = unseenChangeSync(db, 'customer_note', payload.friendId, payload.seenSeq, input.agent.name) !== undefined;
  const merged = stale && incoming !== '' && !current.includes(incoming);
  const text = !stale ? incoming : merged ? `${current}\n\n— ${input.agent.name}：${incoming}` : current;
  if (text === current) return { answer: { ok: true, changed: false, text: current, merged: false }, events: [] };
  statement(
    db,
    `INSERT INTO customer_notes (friend_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (friend_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(payload.friendId, text, input.agent.name, input.now);
  return {
    answer: { ok: true, changed: true, text, merged },
    events: [
      {
        type: 'customer.noteUpdated',
        occurredAt: input.now,
        payload: { friendId: payload.friendId, text, merged, agentName: input.agent.name, mutationId: input.mutation.id, clientTime: payload.clientTime ?? null },
      },
    ],
    mark: { scope: 'customer_note', subject: payload.friendId },
  };
}

function applyOne(db: Database.Database, input: WorkflowMutationInput): Outcome {
  const { mutation } = input;
  switch (mutation.type) {
    case 'conversation.setStatus':
      return setStatus(db, { ...input, mutation });
    case 'conversation.assign':
      return assign(db, { ...input, mutation });
    case 'note.add':
      return addNote(db, { ...input, mutation });
    case 'customer.setNote':
      return setCustomerNote(db, { ...input, mutation });
  }
}

/** One workflow mutation in the caller's transaction: its effect, event, mark and stored answer together. */
export function applyWorkflowMutationSync(db: Database.Database, input: WorkflowMutationInput): { answer: MutationAck; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutation.id);
  if (repeat?.answer) return { answer: repeat.answer, appended: [] };
  const outcome = applyOne(db, input);
  const appended = appendEventsSync(db, outcome.events);
  const last = appended[appended.length - 1];
  if (outcome.mark && last) markSync(db, outcome.mark.scope, outcome.mark.subject, last.seq, input.agent.name);
  recordMutationSync(db, { id: input.mutation.id, type: input.mutation.type, agentName: input.agent.name, now: input.now, answer: outcome.answer });
  return { answer: outcome.answer, appended };
}

/**
 * Runs inside the inbound transaction, after a body's events were appended: every customer message reopens a done,
 * snoozed or pending conversation, and one that does more than close the exchange also marks the status (so an
 * older offline "done" does not close over it); a new conversation goes to the next online agent when round-robin
 * is on.
 */
export function workflowAfterInboundSync(db: Database.Database, stored: readonly RelayEvent[], now: number): RelayEvent[] {
  const follow: RelayEvent[] = [];
  for (const event of stored) {
    if (event.type === 'conversation.upserted') follow.push(...roundRobinSync(db, event.conversationId, now));
    if (event.type !== 'message.received') continue;
    if (customerMessageSupersedesStatus(event.payload.kind, event.payload.text)) markSync(db, 'status', event.conversationId, event.seq, null);
    const current = conversationWorkflowSync(db, event.conversationId);
    if (current.status === 'open') continue;
    saveWorkflowSync(db, { ...current, status: 'open', snoozedUntil: null }, now);
    const reopened = appendEventsSync(db, [
      {
        type: 'conversation.statusChanged',
        conversationId: event.conversationId,
        occurredAt: now,
        payload: { status: 'open', snoozedUntil: null, previous: current.status, cause: 'customer_message', agentName: null, mutationId: null, clientTime: null },
      },
    ]);
    follow.push(...reopened);
  }
  return follow;
}

function roundRobinSync(db: Database.Database, conversationId: string, now: number): RelayEvent[] {
  if (inboxSettingsSync(db).autoAssign !== 'round_robin') return [];
  const current = conversationWorkflowSync(db, conversationId);
  if (current.assignee !== null) return [];
  const assignee = nextRoundRobinAgentSync(db, now);
  if (assignee === null) return [];
  saveWorkflowSync(db, { ...current, assignee }, now);
  const appended = appendEventsSync(db, [
    {
      type: 'conversation.assigned',
      conversationId,
      occurredAt: now,
      payload: { assignee, previous: null, cause: 'round_robin', agentName: null, mutationId: null, clientTime: null },
    },
  ]);
  for (const event of appended) markSync(db, 'assignment', conversationId, event.seq, null);
  return appended;
}
