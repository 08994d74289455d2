import type { MutationAck, NewRelayEvent } from '../../shared/protocol';
import type { ConversationStatus } from '../../shared/workflow/conversation-status';
import type { ConversationWorkflowRecord, WorkflowMutation, WorkflowMutationInput } from './workflow-store-types';

/**
 * The team inbox's decisions, apart from how each backend reads and writes them (sqlite-workflow.ts,
 * postgres/pg-workflow.ts): each takes what its backend read under the operation's locks and says what to write,
 * which events to append and what to answer.
 *
 * The merge rule for concurrent (offline) changes: a change carries `seenSeq`, the newest event its author had
 * seen. It is not applied when, after that seq, someone else changed the same field — another agent, or a
 * customer message that reopened the work (status) — recorded in `workflow_marks`. Different fields never block
 * each other: done offline by A and reassigned online by B ends done AND assigned to B, on every client.
 */

export type MarkScope = 'status' | 'assignment' | 'customer_note';

/** The newest change of a field after the author's seenSeq by someone else: its author, or null for a customer message. */
export type UnseenChange = { agentName: string | null } | undefined;

export interface WorkflowOutcome {
  answer: MutationAck;
  events: NewRelayEvent[];
  /** The conversation's workflow row to store. */
  saveWorkflow?: ConversationWorkflowRecord;
  /** The customer's notes to store. */
  saveCustomerNote?: { friendId: string; text: string };
  /** Marks the field as changed at the seq of the last event (the merge rule reads it). */
  mark?: { scope: MarkScope; subject: string };
}

type Of<T extends WorkflowMutation['type']> = WorkflowMutationInput & { mutation: Extract<WorkflowMutation, { type: T }> };

export function unknownConversationOutcome(conversationId: string): WorkflowOutcome {
  return { answer: { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${conversationId} on this relay` }, events: [] };
}

export function unknownFriendOutcome(friendId: string): WorkflowOutcome {
  return { answer: { ok: false, code: 'UNKNOWN_FRIEND', message: `No customer ${friendId} on this relay` }, events: [] };
}

const authorOf = (input: WorkflowMutationInput) => ({
  agentName: input.agent.name,
  mutationId: input.mutation.id,
  clientTime: input.mutation.payload.clientTime ?? null,
});

export function decideSetStatus(input: Of<'conversation.setStatus'>, current: ConversationWorkflowRecord, unseen: UnseenChange): WorkflowOutcome {
  const { payload } = input.mutation;
  const snoozedUntil = payload.status === 'snoozed' ? (payload.snoozedUntil ?? null) : null;
  const unchanged = (superseded?: 'customer_wrote' | 'status_changed'): WorkflowOutcome => ({
    answer: { ok: true, changed: false, status: current.status, snoozedUntil: current.snoozedUntil, ...(superseded ? { superseded } : {}) },
    events: [],
  });
  if (unseen) return unchanged(unseen.agentName === null ? 'customer_wrote' : 'status_changed');
  if (current.status === payload.status && current.snoozedUntil === snoozedUntil) return unchanged();
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
    saveWorkflow: { ...current, status: payload.status, snoozedUntil },
    mark: { scope: 'status', subject: payload.conversationId },
  };
}

/** `assigneeIsMember`: the new assignee (when there is one) has an active token. */
export function decideAssign(input: Of<'conversation.assign'>, current: ConversationWorkflowRecord, unseen: UnseenChange, assigneeIsMember: boolean): WorkflowOutcome {
  const { payload } = input.mutation;
  const unchanged = (superseded?: 'assignment_changed'): WorkflowOutcome => ({
    answer: { ok: true, changed: false, assignee: current.assignee, ...(superseded ? { superseded } : {}) },
    events: [],
  });
  if (unseen) return unchanged('assignment_changed');
  // Agents take conversations and let go of their own; giving one to someone else, or taking it from them, is a lead's.
  const me = input.agent.name;
  const agentMay = payload.assignee === me || (payload.assignee === null && (current.assignee === null || current.assignee === me));
  if (input.agent.role !== 'lead' && !agentMay) {
    return { answer: { ok: false, code: 'FORBIDDEN', message: 'Only a team lead may assign a conversation to someone else or take it from them' }, events: [] };
  }
  if (payload.assignee !== null && !assigneeIsMember) {
    return { answer: { ok: false, code: 'UNKNOWN_AGENT', message: `No active team member is called "${payload.assignee}"` }, events: [] };
  }
  if (current.assignee === payload.assignee) return unchanged();
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
    saveWorkflow: { ...current, assignee: payload.assignee },
    mark: { scope: 'assignment', subject: payload.conversationId },
  };
}

/** `memberMentions`: the mentioned names that are active members (only they are notified; others are just text). */
export function decideAddNote(input: Of<'note.add'>, memberMentions: readonly string[]): WorkflowOutcome {
  const { payload, id } = input.mutation;
  const mentions = [...new Set(payload.mentions)].filter((name) => memberMentions.includes(name));
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
 * The whole text replaces the notes, unless someone else saved notes the author had not seen (`stale`): then nothing
 * of theirs is lost — the newest text stays and the author's edit is added below it, marked with the author's name.
 */
export function decideCustomerNote(input: Of<'customer.setNote'>, current: string, stale: boolean): WorkflowOutcome {
  const { payload } = input.mutation;
  const incoming = payload.text.trim();
  const merged = stale && incoming !== '' && !current.includes(incoming);
  const text = !stale ? incoming : merged ? `${current}\n\n— ${input.agent.name}：${incoming}` : current;
  if (text === current) return { answer: { ok: true, changed: false, text: current, merged: false }, events: [] };
  return {
    answer: { ok: true, changed: true, text, merged },
    events: [
      {
        type: 'customer.noteUpdated',
        occurredAt: input.now,
        payload: { friendId: payload.friendId, text, merged, agentName: input.agent.name, mutationId: input.mutation.id, clientTime: payload.clientTime ?? null },
      },
    ],
    saveCustomerNote: { friendId: payload.friendId, text },
    mark: { scope: 'customer_note', subject: payload.friendId },
  };
}

/** A customer message reopened a done, snoozed or pending conversation. */
export function reopenedEvent(conversationId: string, previous: ConversationStatus, now: number): NewRelayEvent {
  return {
    type: 'conversation.statusChanged',
    conversationId,
    occurredAt: now,
    payload: { status: 'open', snoozedUntil: null, previous, cause: 'customer_message', agentName: null, mutationId: null, clientTime: null },
  };
}

export function roundRobinAssignedEvent(conversationId: string, assignee: string, now: number): NewRelayEvent {
  return {
    type: 'conversation.assigned',
    conversationId,
    occurredAt: now,
    payload: { assignee, previous: null, cause: 'round_robin', agentName: null, mutationId: null, clientTime: null },
  };
}

/** Round-robin's next agent: the first online agent (name order) after whoever got the last one, else the first. */
export function nextInRotation(online: readonly string[], last: string | undefined): string | null {
  if (online.length === 0) return null;
  return (last === undefined ? undefined : online.find((name) => name > last)) ?? online[0]!;
}
