import { LEAD_ONLY_REQUEST_TYPES, requestFrameSchema } from '../../shared/protocol';
import { computeTeamReport } from '../../shared/reports/team-report';
import { DEFAULT_INBOX_SETTINGS } from '../../shared/workflow/inbox-settings';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import { describeZodError } from '../channels/line/callback-schema';
import type { RelayStore } from '../store/relay-store';

/** How far before the report's range the replay starts, so a question asked just before it is followed. */
export const TEAM_REPORT_LOOKBACK_MS = 7 * 86_400_000;
const MAX_RANGE_MS = 366 * 86_400_000;

export type RequestAnswer = { ok: true; [key: string]: unknown } | { ok: false; code: string; message: string };

/**
 * `request` frames: reads answered through the acknowledgement and never stored. The team report and the token
 * list are a lead's; the member list (assignment picker, @mentions) is everyone's.
 */
export async function answerTeamRequest(store: RelayStore, frame: unknown, agent: AuthenticatedAgent, now: number): Promise<RequestAnswer> {
  const parsed = requestFrameSchema.safeParse(frame);
  if (!parsed.success) return { ok: false, code: 'INVALID_REQUEST', message: `Invalid request: ${describeZodError(parsed.error)}` };
  const request = parsed.data;
  if (LEAD_ONLY_REQUEST_TYPES.has(request.type) && agent.role !== 'lead') {
    return { ok: false, code: 'FORBIDDEN', message: request.type === 'team.report' ? 'Only a team lead may see the team report' : 'Only a team lead may list agent tokens' };
  }
  switch (request.type) {
    case 'team.members':
      return { ok: true, members: await store.teamMembers(now) };
    case 'token.list': {
      const members = new Map((await store.teamMembers(now)).map((member) => [member.name, member]));
      const tokens = (await store.listAgentTokens()).map((token) => ({
        name: token.name,
        role: token.role,
        createdAt: token.createdAt,
        revokedAt: token.revokedAt,
        online: token.revokedAt === null && (members.get(token.name)?.online ?? false),
      }));
      return { ok: true, tokens };
    }
    case 'team.report': {
      const { from, to, timezoneOffsetMinutes } = request.payload;
      if (to < from || to - from > MAX_RANGE_MS) return { ok: false, code: 'INVALID_REQUEST', message: 'The report range must run forwards and span at most 366 days' };
      const settings = (await store.latestInboxSettings())?.settings ?? DEFAULT_INBOX_SETTINGS;
      const events = await store.teamReportEvents(from - TEAM_REPORT_LOOKBACK_MS, to);
      const report = computeTeamReport(events, { from, to, timezoneOffsetMinutes, heldReplyAlertMinutes: settings.heldReplyAlertMinutes, now });
      return { ok: true, report };
    }
  }
}
