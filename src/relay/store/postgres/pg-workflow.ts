import type { MutationAck } from '../../../shared/protocol';
import { customerMessageSupersedesStatus } from '../../../shared/workflow/customer-message';
import type { InboxSettings } from '../../../shared/workflow/inbox-settings';
import type { ConversationStatus } from '../../../shared/workflow/conversation-status';
import {
  decideAddNote,
  decideAssign,
  decideCustomerNote,
  decideSetStatus,
  nextInRotation,
  reopenedEvent,
  roundRobinAssignedEvent,
  unknownConversationOutcome,
  unknownFriendOutcome,
  type MarkScope,
  type UnseenChange,
  type WorkflowOutcome,
} from '../workflow-decisions';
import type { ConversationWorkflowRecord, WorkflowMutationInput } from '../workflow-store-types';
import { conversationExists } from './pg-conversations';
import { getMutation, recordMutation } from './pg-replies';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-workflow.ts. The caller holds the mutation's lock and its conversation's (or, for a
 * customer's notes, that customer's) lock, so the state and marks read here cannot change before the commit; the
 * mark of a change is written with its event's seq by the appending statement (PgTx.markAt).
 */
export async function conversationWorkflow(tx: PgTx, conversationId: string): Promise<ConversationWorkflowRecord> {
  const row = await tx.row<{ status: ConversationStatus; snoozed_until: number | null; assignee: string | null }>(
    'SELECT status, snoozed_until, assignee FROM conversation_workflow WHERE conversation_id = $1',
    [conversationId],
  );
  return { conversationId, status: row?.status ?? 'open', snoozedUntil: row?.snoozed_until ?? null, assignee: row?.assignee ?? null };
}

async function saveWorkflow(tx: PgTx, record: ConversationWorkflowRecord, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO conversation_workflow (conversation_id, status, snoozed_until, assignee, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (conversation_id) DO UPDATE SET status = excluded.status, snoozed_until = excluded.snoozed_until,
       assignee = excluded.assignee, updated_at = excluded.updated_at`,
    [record.conversationId, record.status, record.snoozedUntil, record.assignee, now],
  );
}

async function unseenChange(tx: PgTx, scope: MarkScope, subject: string, seenSeq: number | undefined, agentName: string): Promise<UnseenChange> {
  if (seenSeq === undefined) return undefined;
  const row = await tx.row<{ agent_name: string | null }>(
    `SELECT agent_name FROM workflow_marks WHERE scope = $1 AND subject = $2 AND seq > $3 AND (agent_name IS NULL OR agent_name <> $4)
     ORDER BY seq DESC LIMIT 1`,
    [scope, subject, seenSeq, agentName],
  );
  return row ? { agentName: row.agent_name } : undefined;
}

/** The names among `names` that have an active token. */
async function activeMembers(tx: PgTx, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await tx.rows<{ name: string }>('SELECT DISTINCT name FROM agent_tokens WHERE name = ANY($1::text[]) AND revoked_at IS NULL', [names]);
  return rows.map((row) => row.name);
}

/** Locks what a workflow mutation decides for: its id, then its conversation or its customer. */
export async function lockWorkflowMutation(tx: PgTx, input: WorkflowMutationInput): Promise<void> {
  const { mutation } = input;
  await tx.lock(LOCKS.mutation(mutation.id));
  await tx.lock(mutation.type === 'customer.setNote' ? LOCKS.customerNote(mutation.payload.friendId) : LOCKS.conversation(mutation.payload.conversationId));
}

async function decide(tx: PgTx, input: WorkflowMutationInput): Promise<WorkflowOutcome> {
  const { mutation } = input;
  const me = input.agent.name;
  switch (mutation.type) {
    case 'conversation.setStatus': {
      const { conversationId, seenSeq } = mutation.payload;
      if (!(await conversationExists(tx, conversationId))) return unknownConversationOutcome(conversationId);
      const unseen = await unseenChange(tx, 'status', conversationId, seenSeq, me);
      return decideSetStatus({ ...input, mutation }, await conversationWorkflow(tx, conversationId), unseen);
    }
    case 'conversation.assign': {
      const { conversationId, assignee, seenSeq } = mutation.payload;
      if (!(await conversationExists(tx, conversationId))) return unknownConversationOutcome(conversationId);
      const unseen = await unseenChange(tx, 'assignment', conversationId, seenSeq, me);
      const isMember = assignee !== null && (await activeMembers(tx, [assignee])).length > 0;
      return decideAssign({ ...input, mutation }, await conversationWorkflow(tx, conversationId), unseen, isMember);
    }
    case 'note.add': {
      const { conversationId, mentions } = mutation.payload;
      if (!(await conversationExists(tx, conversationId))) return unknownConversationOutcome(conversationId);
      return decideAddNote({ ...input, mutation }, await activeMembers(tx, mentions));
    }
    case 'customer.setNote': {
      const { friendId, seenSeq } = mutation.payload;
      if (!(await tx.row('SELECT 1 FROM conversations WHERE friend_id = $1 LIMIT 1', [friendId]))) return unknownFriendOutcome(friendId);
      const current = (await tx.row<{ text: string }>('SELECT text FROM customer_notes WHERE friend_id = $1', [friendId]))?.text ?? '';
      const stale = (await unseenChange(tx, 'customer_note', friendId, seenSeq, me)) !== undefined;
      return decideCustomerNote({ ...input, mutation }, current, stale);
    }
  }
}

/** Caller holds lockWorkflowMutation's locks. The effect, its event, its mark and the stored answer together. */
export async function applyWorkflowMutation(tx: PgTx, input: WorkflowMutationInput): Promise<MutationAck> {
  const repeat = await getMutation(tx, input.mutation.id);
  if (repeat?.answer) return repeat.answer;
  const outcome = await decide(tx, input);
  if (outcome.saveWorkflow) await saveWorkflow(tx, outcome.saveWorkflow, input.now);
  if (outcome.saveCustomerNote) {
    await tx.run(
      `INSERT INTO customer_notes (friend_id, text, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (friend_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [outcome.saveCustomerNote.friendId, outcome.saveCustomerNote.text, input.agent.name, input.now],
    );
  }
  const first = tx.emittedCount();
  tx.emit(outcome.events);
  if (outcome.mark && outcome.events.length > 0) {
    tx.markAt(first + outcome.events.length - 1, { scope: outcome.mark.scope, subject: outcome.mark.subject, agentName: input.agent.name });
  }
  await recordMutation(tx, { id: input.mutation.id, type: input.mutation.type, agentName: input.agent.name, now: input.now, answer: outcome.answer });
  return outcome.answer;
}

/** What the inbound transaction knows of a conversation's workflow when its item arrives (read with its first look). */
export interface WorkflowAtArrival {
  status: ConversationStatus;
  snoozedUntil: number | null;
  assignee: string | null;
}

/**
 * See sqlite-workflow.ts workflowAfterInboundSync, for one item whose events were just emitted (`messages` gives
 * the index of each customer message among the transaction's events): round-robin for a new conversation, then for
 * each customer message its status mark and the reopening. The caller holds the item's conversation lock;
 * round-robin's turn is locked here, after every conversation lock.
 */
export async function workflowAfterInbound(
  tx: PgTx,
  item: { conversationId: string; created: boolean; messages: readonly { index: number; kind: string; text: string }[] },
  known: WorkflowAtArrival | null,
  settings: () => Promise<InboxSettings>,
  now: number,
): Promise<void> {
  const current: ConversationWorkflowRecord = { conversationId: item.conversationId, status: known?.status ?? 'open', snoozedUntil: known?.snoozedUntil ?? null, assignee: known?.assignee ?? null };
  if (item.created && current.assignee === null && (await settings()).autoAssign === 'round_robin') {
    const assignee = await takeRoundRobinTurn(tx, now);
    if (assignee !== null) {
      current.assignee = assignee;
      await saveWorkflow(tx, current, now);
      tx.markAt(tx.emittedCount(), { scope: 'assignment', subject: item.conversationId, agentName: null });
      tx.emit([roundRobinAssignedEvent(item.conversationId, assignee, now)]);
    }
  }
  for (const message of item.messages) {
    if (customerMessageSupersedesStatus(message.kind, message.text)) tx.markAt(message.index, { scope: 'status', subject: item.conversationId, agentName: null });
    if (current.status === 'open') continue;
    const previous = current.status;
    current.status = 'open';
    current.snoozedUntil = null;
    await saveWorkflow(tx, current, now);
    tx.emit([reopenedEvent(item.conversationId, previous, now)]);
  }
}

/**
 * Round-robin among agents connected now (on any relay process), in name order, after whoever got the last one;
 * under the rotation lock, so two relay processes never give two new conversations the same turn.
 */
async function takeRoundRobinTurn(tx: PgTx, now: number): Promise<string | null> {
  await tx.lock(LOCKS.rotation);
  const row = await tx.row<{ online: string[]; last: string | null }>(
    `SELECT ARRAY(
              SELECT DISTINCT s.agent_name COLLATE "C" FROM agent_sessions s
              WHERE s.expires_at > $1 AND s.role = 'agent'
                AND EXISTS (SELECT 1 FROM agent_tokens t WHERE t.name = s.agent_name AND t.revoked_at IS NULL)
              ORDER BY 1) AS online,
            (SELECT last_agent FROM assignment_rotation WHERE id = 1) AS last`,
    [now],
  );
  const next = nextInRotation(row?.online ?? [], row?.last ?? undefined);
  if (next === null) return null;
  await tx.run('INSERT INTO assignment_rotation (id, last_agent) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET last_agent = excluded.last_agent', [next]);
  return next;
}
