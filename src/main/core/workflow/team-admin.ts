import { z } from 'zod';
import {
  mutationErrorSchema,
  requestErrorSchema,
  rulesSaveResultSchema,
  teamMemberSchema,
  tokenCreateResultSchema,
  tokenListEntrySchema,
  tokenRevokeResultSchema,
  type RequestFrame,
} from '../../../shared/protocol';
import { teamReportSchema, type TeamReport } from '../../../shared/reports/team-report-schema';
import type { InboxSettings } from '../../../shared/workflow/inbox-settings';
import { mutateOnRelayNow } from '../ipc/direct-mutation';
import type { LocalDatabase } from '../store/database';
import { getServerTimeOffset } from '../store/meta';
import type { SessionManager } from '../session/session-manager';
import { RelayUnavailableError } from '../sync/sync-engine';
import { errorMessage } from '../sync/apply-events';
import { replaceTeamMembers } from './workflow-store';

/**
 * What needs the relay now rather than the outbox: the team's members, the lead's report and token list (reads,
 * `request` frames) and the lead's settings and token changes (mutations answered at once). The relay checks the
 * role of every one; the app only hides what a role cannot do.
 */

type Failure = { ok: false; code: string; message: string };
type Session = Pick<SessionManager, 'requestNow' | 'mutateNow'>;

async function request<T>(session: Session, frame: RequestFrame, schema: z.ZodType<T>): Promise<({ ok: true } & T) | Failure> {
  let raw: unknown;
  try {
    raw = await session.requestNow(frame);
  } catch (error) {
    const code = error instanceof RelayUnavailableError ? 'OFFLINE' : 'INTERNAL';
    return { ok: false, code, message: errorMessage(error) };
  }
  const failure = requestErrorSchema.safeParse(raw);
  if (failure.success) return failure.data;
  const answer = schema.safeParse(raw);
  if (!answer.success) return { ok: false, code: 'INTERNAL', message: `The relay gave an unreadable answer to ${frame.type}` };
  return { ok: true, ...answer.data };
}

/** Refreshes the local list of members (assignment picker, @mentions); silent when offline. */
export async function refreshTeamMembers(db: () => LocalDatabase, session: Session): Promise<boolean> {
  const answer = await request(session, { type: 'team.members', payload: {} }, z.object({ members: z.array(teamMemberSchema) }));
  if (!answer.ok) return false;
  replaceTeamMembers(db(), answer.members);
  return true;
}

const DAY_MS = 86_400_000;

/** The last `days` of the lead's local days, today included, on the relay clock. */
export async function fetchTeamReport(
  db: () => LocalDatabase,
  session: Session,
  input: { days: number; timezoneOffsetMinutes: number },
  now: number,
): Promise<({ ok: true } & { report: TeamReport }) | Failure> {
  const relayNow = now + getServerTimeOffset(db());
  const localNow = relayNow - input.timezoneOffsetMinutes * 60_000;
  const startOfToday = Math.floor(localNow / DAY_MS) * DAY_MS + input.timezoneOffsetMinutes * 60_000;
  const from = startOfToday - (input.days - 1) * DAY_MS;
  return request(
    session,
    { type: 'team.report', payload: { from, to: relayNow, timezoneOffsetMinutes: input.timezoneOffsetMinutes } },
    z.object({ report: teamReportSchema }),
  );
}

export function fetchTokens(session: Session) {
  return request(session, { type: 'token.list', payload: {} }, z.object({ tokens: z.array(tokenListEntrySchema) }));
}

export async function createToken(session: Session, input: { name: string; role: 'agent' | 'lead' }): Promise<{ ok: true; token: string | null } | Failure> {
  const answer = await mutateOnRelayNow(session, { type: 'token.create', payload: input }, tokenCreateResultSchema.or(mutationErrorSchema), 'token');
  return answer.ok ? { ok: true, token: answer.token } : answer;
}

export async function revokeToken(session: Session, name: string): Promise<{ ok: true; revoked: number } | Failure> {
  const answer = await mutateOnRelayNow(session, { type: 'token.revoke', payload: { name } }, tokenRevokeResultSchema.or(mutationErrorSchema), 'token');
  return answer.ok ? { ok: true, revoked: answer.revoked } : answer;
}

export async function saveSettings(session: Session, input: { settings: InboxSettings; baseVersion: number }): Promise<{ ok: true; version: number } | Failure> {
  const answer = await mutateOnRelayNow(session, { type: 'settings.save', payload: input }, rulesSaveResultSchema.or(mutationErrorSchema), 'settings');
  return answer.ok ? { ok: true, version: answer.version } : answer;
}
