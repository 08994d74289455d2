import type { MutationAck, TeamMember } from '../../../shared/protocol';
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../../../shared/workflow/inbox-settings';
import { rowToEvent, type EventRow } from '../sqlite-event-log';
import { SETTINGS, storedInboxSettingsOf } from '../sqlite-team-admin';
import type {
  AgentSessionInput,
  StoredInboxSettings,
  TeamReportSourceEvent,
  TokenCreateByMutationInput,
  TokenMutationResult,
  TokenRevokeByMutationInput,
} from '../workflow-store-types';
import { insertAgentToken, revokeAgentTokens } from './pg-agent-tokens';
import { getMutation, recordMutation } from './pg-replies';
import { LOCKS, type PgTx } from './pg-transaction';
import { latestDocument } from './pg-versioned-documents';

/** PostgreSQL twin of sqlite-team-admin.ts: members, who is online on any relay process, settings, tokens by mutation, the report's events. */
export async function latestInboxSettings(tx: PgTx): Promise<StoredInboxSettings | null> {
  return storedInboxSettingsOf(await latestDocument(tx, SETTINGS));
}

export async function inboxSettings(tx: PgTx): Promise<InboxSettings> {
  return (await latestInboxSettings(tx))?.settings ?? DEFAULT_INBOX_SETTINGS;
}

/** The active members: one entry per token name (a name with any active lead token is a lead), in name order. */
export async function teamMembers(tx: PgTx, now: number): Promise<TeamMember[]> {
  const rows = await tx.rows<{ name: string; lead: boolean; online: boolean }>(
    `SELECT t.name, bool_or(t.role = 'lead') AS lead,
            EXISTS (SELECT 1 FROM agent_sessions s WHERE s.agent_name = t.name AND s.expires_at > $1) AS online
     FROM agent_tokens t WHERE t.revoked_at IS NULL GROUP BY t.name ORDER BY t.name COLLATE "C"`,
    [now],
  );
  return rows.map((row) => ({ name: row.name, role: row.lead ? 'lead' : 'agent', online: row.online }));
}

export async function touchAgentSession(tx: PgTx, input: AgentSessionInput): Promise<void> {
  await tx.run(
    `INSERT INTO agent_sessions (session_id, agent_name, role, seen_at, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (session_id) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at`,
    [input.sessionId, input.agentName, input.role, input.now, input.now + input.ttlMs],
  );
  // Sessions of relays that died without saying goodbye are dropped once they have long expired.
  await tx.run('DELETE FROM agent_sessions WHERE expires_at < $1', [input.now - 60 * 60_000]);
}

export async function endAgentSession(tx: PgTx, sessionId: string): Promise<void> {
  await tx.run('DELETE FROM agent_sessions WHERE session_id = $1', [sessionId]);
}

/** token.create by a lead: the token's hash and the answer (without the token) in one transaction; a repeat is answered as before. */
export async function createTokenByMutation(tx: PgTx, input: TokenCreateByMutationInput): Promise<TokenMutationResult> {
  await tx.lock(LOCKS.mutation(input.mutationId));
  const repeat = (await getMutation(tx, input.mutationId))?.answer;
  if (repeat) return { answer: repeat, applied: false };
  await insertAgentToken(tx, input.token);
  const answer: MutationAck = { ok: true, name: input.token.name, role: input.token.role, token: null };
  await recordMutation(tx, { id: input.mutationId, type: 'token.create', agentName: input.agentName, now: input.now, answer });
  return { answer, applied: true };
}

export async function revokeTokensByMutation(tx: PgTx, input: TokenRevokeByMutationInput): Promise<TokenMutationResult> {
  await tx.lock(LOCKS.mutation(input.mutationId));
  const repeat = (await getMutation(tx, input.mutationId))?.answer;
  if (repeat) return { answer: repeat, applied: false };
  const revoked = await revokeAgentTokens(tx, input.name, input.now);
  const answer: MutationAck = { ok: true, name: input.name, revoked };
  await recordMutation(tx, { id: input.mutationId, type: 'token.revoke', agentName: input.agentName, now: input.now, answer });
  return { answer, applied: true };
}

/** The events the team report replays: customer messages, replies and their deliveries in the range, seq order. */
export async function teamReportEvents(tx: PgTx, from: number, to: number): Promise<TeamReportSourceEvent[]> {
  const rows = await tx.rows<EventRow>(
    `SELECT seq, type, conversation_id, occurred_at, payload FROM events
     WHERE type IN ('message.received', 'message.sent', 'delivery.updated') AND occurred_at >= $1 AND occurred_at <= $2
     ORDER BY seq`,
    [from, to],
  );
  return rows.map(rowToEvent) as TeamReportSourceEvent[];
}
