import type Database from 'better-sqlite3';
import type { MutationAck, RelayEvent } from '../../shared/protocol';
import type { ConversationStatus } from '../../shared/workflow/conversation-status';
import { customerMessageSupersedesStatus } from '../../shared/workflow/customer-message';
import { appendEventsSync } from './sqlite-event-log';
import { getMutationSync, recordMutationSync } from './sqlite-replies';
import { activeMemberSync, inboxSettingsSync, nextRoundRobinAgentSync } from './sqlite-team-admin';
import { statement } from './statements';
import {
  decideAddNote,
  decideAssign,
  decideCustomerNote,
  decideSetStatus,
  reopenedEvent,
  roundRobinAssignedEvent,
  unknownConversationOutcome,
  unknownFriendOutcome,
  type MarkScope,
  type UnseenChange,
  type WorkflowOutcome,
} from './workflow-decisions';
import type { ConversationWorkflowRecord, WorkflowMutationInput } from './workflow-store-types';

/**
 * Status, assignment and internal notes of conversations, and customers' notes (docs/protocol.md, "Team inbox"),
 * on SQLite: every change is one transaction with its event and stored answer; the decisions (and the merge rule)
 * are workflow-decisions.ts's.
 */

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
function unseenChangeSync(db: Database.Database, scope: MarkScope, subject: string, seenSeq: number | undefined, agentName: string): UnseenChange {
  if (seenSeq === undefined) return undefined;
  const row = statement(
    db,
    `SELECT agent_name FROM workflow_marks WHERE scope = ? AND subject = ? AND seq > ? AND (agent_name IS NULL OR agent_name <> ?)
     ORDER BY seq DESC LIMIT 1`,
  ).get(scope, subject, seenSeq, agentName) as { agent_name: string | null } | undefined;
  return row ? { agentName: row.agent_name } : undefined;
}

function conversationExists(db: Database.Database, conversationId: string): boolean {
  return statement(db, 'SELECT 1 FROM conversations WHERE id = ?').get(conversationId) !== undefined;
}

function decideSync(db: Database.Database, input: WorkflowMutationInput): WorkflowOutcome {
  const { mutation } = input;
  const unseen = (scope: MarkScope, subject: string, seenSeq: number | undefined) => unseenChangeSync(db, scope, subject, seenSeq, input.agent.name);
  switch (mutation.type) {
    case 'conversation.setStatus': {
      const { conversationId, seenSeq } = mutation.payload;
      if (!conversationExists(db, conversationId)) return unknownConversationOutcome(conversationId);
      return decideSetStatus({ ...input, mutation }, conversationWorkflowSync(db, conversationId), unseen('status', conversationId, seenSeq));
    }
    case 'conversation.assign': {
      const { conversationId, assignee, seenSeq } = mutation.payload;
      if (!conversationExists(db, conversationId)) return unknownConversationOutcome(conversationId);
      const isMember = assignee !== null && activeMemberSync(db, assignee);
      return decideAssign({ ...input, mutation }, conversationWorkflowSync(db, conversationId), unseen('assignment', conversationId, seenSeq), isMember);
    }
    case 'note.add': {
      const { conversationId, mentions } = mutation.payload;
      if (!conversationExists(db, conversationId)) return unknownConversationOutcome(conversationId);
      return decideAddNote({ ...input, mutation }, mentions.filter((name) => activeMemberSync(db, name)));
    }
    case 'customer.setNote': {
      const { friendId, seenSeq } = mutation.payload;
      if (statement(db, 'SELECT 1 FROM conversations WHERE friend_id = ? LIMIT 1').get(friendId) === undefined) return unknownFriendOutcome(friendId);
      const current = (statement(db, 'SELECT text FROM customer_notes WHERE friend_id = ?').get(friendId) as { text: string } | undefined)?.text ?? '';
      return decideCustomerNote({ ...input, mutation }, current, unseen('customer_note', friendId, seenSeq) !== undefined);
    }
  }
}

/** One workflow mutation in the caller's transaction: its effect, event, mark and stored answer together. */
export function applyWorkflowMutationSync(db: Database.Database, input: WorkflowMutationInput): { answer: MutationAck; appended: RelayEvent[] } {
  const repeat = getMutationSync(db, input.mutation.id);
  if (repeat?.answer) return { answer: repeat.answer, appended: [] };
  const outcome = decideSync(db, input);
  if (outcome.saveWorkflow) saveWorkflowSync(db, outcome.saveWorkflow, input.now);
  if (outcome.saveCustomerNote) {
    statement(
      db,
      `INSERT INTO customer_notes (friend_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (friend_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(outcome.saveCustomerNote.friendId, outcome.saveCustomerNote.text, input.agent.name, input.now);
  }
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
    follow.push(...appendEventsSync(db, [reopenedEvent(event.conversationId, current.status, now)]));
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
  const appended = appendEventsSync(db, [roundRobinAssignedEvent(conversationId, assignee, now)]);
  for (const event of appended) markSync(db, 'assignment', conversationId, event.seq, null);
  return appended;
}
