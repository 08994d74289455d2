import type { InboxView } from '../../../shared/workflow/conversation-status';
import { effectiveStatus } from '../../../shared/workflow/conversation-status';
import type { ConversationWorkflowView, ViewCounts } from '../../../shared/ipc/workflow-views';
import type { ConversationRow } from '../store/conversations';
import type { LocalDatabase } from '../store/database';
import { getServerTimeOffset, getStoredAgent } from '../store/meta';
import { statement } from '../store/statements';
import { inboxFilterConditions, type InboxFilterInput } from '../tags/inbox-filter';
import { EFFECTIVE_ASSIGNEE_SQL, EFFECTIVE_STATUS_SQL, SNOOZED_NOW_SQL, inboxSettingsOf } from './workflow-store';

/**
 * The inbox's views from the local store (works offline). 需回覆 / Needs reply: a customer message that asks,
 * requests or complains is waiting (`waiting_since`, kept by triggers), and the conversation is neither done nor
 * snoozed — oldest waiting first. 我的 / Mine and 未指派 / Unassigned: not done, not snoozed, newest activity first.
 * 全部 / All: everything. 已完成 / Done: done.
 */

export interface WorkflowRow extends ConversationRow {
  status: 'open' | 'pending' | 'done' | 'snoozed';
  snoozed_until: number | null;
  assignee: string | null;
  pending_status_id: string | null;
  pending_status: 'open' | 'pending' | 'done' | 'snoozed' | null;
  pending_snoozed_until: number | null;
  pending_assign_id: string | null;
  pending_assignee: string | null;
  waiting_since: number | null;
  held_since: number | null;
  unseen_mentions: number;
}

const WORKING = `${EFFECTIVE_STATUS_SQL} <> 'done' AND NOT ${SNOOZED_NOW_SQL}`;

function viewCondition(view: InboxView): string {
  switch (view) {
    case 'needs_reply':
      // A customer who blocked the account can receive nothing until they add it again (the follow brings the
      // conversation back here); left in the queue, they would sit at its top, oldest waiting, for good.
      return `waiting_since IS NOT NULL AND blocked = 0 AND ${WORKING}`;
    case 'mine':
      return `${EFFECTIVE_ASSIGNEE_SQL} = @me AND ${WORKING}`;
    case 'unassigned':
      return `${EFFECTIVE_ASSIGNEE_SQL} IS NULL AND ${WORKING}`;
    case 'done':
      return `${EFFECTIVE_STATUS_SQL} = 'done'`;
    case 'all':
      return '1 = 1';
  }
}

function viewParams(db: LocalDatabase, now: number): { me: string; relayNow: number } {
  return { me: getStoredAgent(db)?.name ?? '', relayNow: now + getServerTimeOffset(db) };
}

export interface ViewPageInput {
  view: InboxView;
  limit: number;
  filter?: InboxFilterInput | undefined;
  /** Newest-first views: continue after this row. */
  before: { lastMessageAt: number; id: string } | null;
  /** needs_reply: continue after this row (oldest waiting first). */
  waitingAfter: { waitingSince: number; id: string } | null;
}

export function listViewPage(db: LocalDatabase, input: ViewPageInput, now: number): { rows: WorkflowRow[]; total: number } {
  const { conditions, params } = inboxFilterConditions(input.filter);
  const where = [viewCondition(input.view), ...conditions].join(' AND ');
  const offset = getServerTimeOffset(db);
  const all = { ...params, ...viewParams(db, now), limit: input.limit };
  let keyset = '1 = 1';
  let order = 'last_message_at DESC, id DESC';
  if (input.view === 'needs_reply') {
    order = 'waiting_since ASC, id ASC';
    if (input.waitingAfter) {
      keyset = '(waiting_since > @after OR (waiting_since = @after AND id > @afterId))';
      // The renderer pages on the agent's clock; waiting_since is stored on the relay's.
      Object.assign(all, { after: input.waitingAfter.waitingSince + offset, afterId: input.waitingAfter.id });
    }
  } else if (input.before) {
    keyset = '(last_message_at < @at OR (last_message_at = @at AND id < @beforeId))';
    Object.assign(all, { at: input.before.lastMessageAt, beforeId: input.before.id });
  }
  const rows = db.prepare(`SELECT * FROM conversations WHERE ${where} AND ${keyset} ORDER BY ${order} LIMIT @limit`).all(all) as WorkflowRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM conversations WHERE ${where}`).get(all) as { total: number };
  return { rows, total };
}

export function viewCounts(db: LocalDatabase, filter: InboxFilterInput | undefined, now: number): ViewCounts {
  const { conditions, params } = inboxFilterConditions(filter);
  const where = conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
  const sum = (view: InboxView) => `COALESCE(SUM(CASE WHEN ${viewCondition(view)} THEN 1 ELSE 0 END), 0) AS "${view}"`;
  return db
    .prepare(`SELECT ${(['needs_reply', 'mine', 'unassigned', 'all', 'done'] as const).map(sum).join(', ')} FROM conversations WHERE ${where}`)
    .get({ ...params, ...viewParams(db, now) }) as ViewCounts;
}

/** A conversation row's team-inbox view, on the agent's clock. */
export function workflowViewOf(row: WorkflowRow, offset: number, now: number): ConversationWorkflowView {
  const pendingStatus = row.pending_status_id !== null;
  const status = pendingStatus ? (row.pending_status ?? row.status) : row.status;
  const snoozedUntil = pendingStatus ? row.pending_snoozed_until : row.snoozed_until;
  const toAgent = (relayTime: number | null) => (relayTime === null ? null : relayTime - offset);
  return {
    status: effectiveStatus(status, snoozedUntil, now + offset),
    snoozedUntil: toAgent(snoozedUntil),
    assignee: row.pending_assign_id !== null ? row.pending_assignee : row.assignee,
    pending: pendingStatus || row.pending_assign_id !== null,
    waitingSince: toAgent(row.waiting_since),
    heldSince: toAgent(row.held_since),
    unseenMentions: row.unseen_mentions,
  };
}

/** The conversation waiting longest, other than `afterId` ("next unanswered"). */
export function nextWaiting(db: LocalDatabase, afterId: string | null, now: number): string | null {
  const row = db
    .prepare(`SELECT id FROM conversations WHERE ${viewCondition('needs_reply')} AND id IS NOT @afterId ORDER BY waiting_since ASC, id ASC LIMIT 1`)
    .get({ ...viewParams(db, now), afterId }) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Held replies past the shop's alert: every one for a lead, the agent's own otherwise. */
export function heldOverdue(db: LocalDatabase, now: number): { count: number; alertMinutes: number; oldestConversationId: string | null } {
  const { settings } = inboxSettingsOf(db);
  const agent = getStoredAgent(db);
  const cutoff = now + getServerTimeOffset(db) - settings.heldReplyAlertMinutes * 60_000;
  const own = agent?.role === 'lead' ? '' : 'AND author = @me';
  const sql = `FROM messages WHERE direction = 'out' AND delivery = 'held' AND created_at <= @cutoff ${own}`;
  const params = { cutoff, me: agent?.name ?? '' };
  const { count } = statement(db, `SELECT COUNT(*) AS count ${sql}`).get(params) as { count: number };
  const oldest = statement(db, `SELECT conversation_id ${sql} ORDER BY created_at LIMIT 1`).get(params) as { conversation_id: string } | undefined;
  return { count, alertMinutes: settings.heldReplyAlertMinutes, oldestConversationId: oldest?.conversation_id ?? null };
}

export function clearMentions(db: LocalDatabase, conversationId: string): boolean {
  return statement(db, 'UPDATE conversations SET unseen_mentions = 0 WHERE id = ? AND unseen_mentions > 0').run(conversationId).changes > 0;
}
