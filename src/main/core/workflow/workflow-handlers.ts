import type { IpcHandlers } from '../ipc/handlers';
import type { LocalDatabase } from '../store/database';
import { getStoredAgent } from '../store/meta';
import { teamReportCsv } from '../../../shared/reports/team-report-csv';
import type { SessionManager } from '../session/session-manager';
import { customerPanel } from './customer-panel';
import { enqueueAssign, enqueueCustomerNote, enqueueNote, enqueueStatus, type EnqueueResult } from './enqueue-workflow';
import { createToken, fetchTeamReport, fetchTokens, refreshTeamMembers, revokeToken, saveSettings } from './team-admin';
import { clearMentions, heldOverdue, nextWaiting, viewCounts } from './workflow-queries';
import { inboxSettingsOf, teamMembersOf } from './workflow-store';

type WorkflowChannel = Extract<keyof IpcHandlers, `workflow:${string}` | `customer:${string}` | `team:${string}` | `settings:${string}` | 'inbox:viewCounts'>;

export interface WorkflowHandlerContext {
  db: () => LocalDatabase;
  now: () => number;
  notify: (scopes: string[]) => void;
  kickOutbox: () => void;
  session: SessionManager;
}

/** Handlers for the team-inbox channels of the IPC contract (src/shared/ipc/workflow-contract.ts). */
export function createWorkflowHandlers(context: WorkflowHandlerContext): Pick<IpcHandlers, WorkflowChannel> {
  const { db, now } = context;
  const queued = <T extends object>(conversationId: string, result: EnqueueResult<T>, extra: string[] = []) => {
    if (result.ok) {
      context.notify(['inbox', 'sync', `conversation:${conversationId}`, ...extra]);
      context.kickOutbox();
    }
    return result;
  };
  return {
    'inbox:viewCounts': (input) => viewCounts(db(), input.filter, now()),
    'workflow:nextWaiting': (input) => ({ conversationId: nextWaiting(db(), input.afterId, now()) }),
    'workflow:setStatus': (input) => queued(input.conversationId, enqueueStatus(db(), input, now())),
    'workflow:assign': (input) => queued(input.conversationId, enqueueAssign(db(), input, now())),
    'workflow:addNote': (input) => queued(input.conversationId, enqueueNote(db(), input, now())),
    'workflow:clearMentions': (input) => {
      if (clearMentions(db(), input.conversationId)) context.notify(['inbox', 'mentions', `conversation:${input.conversationId}`]);
      return { ok: true as const };
    },
    'workflow:heldOverdue': () => heldOverdue(db(), now()),
    'customer:get': (input) => customerPanel(db(), input.conversationId),
    'customer:setNote': (input) => queued(input.conversationId, enqueueCustomerNote(db(), input, now()), ['customer']),
    'team:members': () => {
      const agent = getStoredAgent(db());
      return { me: agent?.name ?? '', role: agent?.role ?? 'agent', members: teamMembersOf(db()) };
    },
    'settings:get': () => inboxSettingsOf(db()),
    'settings:save': (input) => saveSettings(context.session, input),
    'team:report': (input) => fetchTeamReport(db, context.session, input, now()),
    'team:reportCsv': async (input) => {
      const answer = await fetchTeamReport(db, context.session, input, now());
      if (!answer.ok) return answer;
      const { report } = answer;
      return { ok: true as const, filename: `shop-inbox-team-${report.from}_${report.to}.csv`, csv: teamReportCsv(report, input.language) };
    },
    'team:tokens': () => fetchTokens(context.session),
    'team:createToken': async (input) => {
      const answer = await createToken(context.session, input);
      if (answer.ok && (await refreshTeamMembers(db, context.session))) context.notify(['team']);
      return answer;
    },
    'team:revokeToken': async (input) => {
      const answer = await revokeToken(context.session, input.name);
      if (answer.ok && (await refreshTeamMembers(db, context.session))) context.notify(['team']);
      return answer;
    },
  };
}
