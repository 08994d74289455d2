import type Database from 'better-sqlite3';
import type { MutationAck, RelayEvent, TeamMember } from '../../shared/protocol';
import { DEFAULT_INBOX_SETTINGS, inboxSettingsSchema, type InboxSettings } from '../../shared/workflow/inbox-settings';
import type { SaveRulesResult } from './relay-store';
import { insertAgentTokenSync, revokeAgentTokensSync } from './sqlite-agent-tokens';
import { rowToEvent, type EventRow } from './sqlite-event-log';
import { getMutationSync, recordMutationSync } from './sqlite-replies';
import { latestDocumentSync, saveDocumentSync, type StoredDocument, type VersionedDocumentKind } from './sqlite-versioned-documents';
import { nextInRotation } from './workflow-decisions';
import { statement } from './statements';
import type {
  AgentSessionInput,
  SaveInboxSettingsInput,
  StoredInboxSettings,
  TeamReportSourceEvent,
  TokenCreateByMutationInput,
  TokenMutationResult,
  TokenRevokeByMutationInput,
} from './workflow-store-types';

/**
 * The team: members (active agent tokens), who is online (agent_sessions), round-robin, the inbox settings
 * document, token management by a lead over the socket, and the events the team report is replayed from.
 */

export const SETTINGS: VersionedDocumentKind<InboxSettings> = {
  table: 'settings_versions',
  jsonColumn: 'settings_json',
  mutationType: 'settings.save',
  label: 'inbox settings',
  keepVersions: 50,
  updatedEvent: ({ version, document, updatedBy, now }) => ({ type: 'settings.updated', occurredAt: now, payload: { version, settings: document, updatedBy } }),
};

export function latestInboxSettingsSync(db: Database.Database): StoredInboxSettings | null {
  return storedInboxSettingsOf(latestDocumentSync(db, SETTINGS));
}

/** The stored settings document, parsed with the schema's defaults so a document saved by an older relay still reads. */
export function storedInboxSettingsOf(stored: StoredDocument<InboxSettings> | null): StoredInboxSettings | null {
  if (!stored) return null;
  const settings = inboxSettingsSchema.safeParse({ ...DEFAULT_INBOX_SETTINGS, ...stored.document });
  return { version: stored.version, settings: settings.success ? settings.data : DEFAULT_INBOX_SETTINGS, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt };
}

export function inboxSettingsSync(db: Database.Database): InboxSettings {
  return latestInboxSettingsSync(db)?.settings ?? DEFAULT_INBOX_SETTINGS;
}

export function saveInboxSettingsSync(db: Database.Database, input: SaveInboxSettingsInput): { result: SaveRulesResult; appended: RelayEvent[] } {
  const { answer, appended } = saveDocumentSync(db, SETTINGS, { ...input, document: input.settings });
  return { result: { answer }, appended };
}

/** The active members: one entry per token name (a name with any active lead token is a lead). */
export function teamMembersSync(db: Database.Database, now: number): TeamMember[] {
  const rows = statement(
    db,
    `SELECT t.name, MAX(t.role = 'lead') AS lead,
            EXISTS (SELECT 1 FROM agent_sessions s WHERE s.agent_name = t.name AND s.expires_at > @now) AS online
     FROM agent_tokens t WHERE t.revoked_at IS NULL GROUP BY t.name ORDER BY t.name`,
  ).all({ now }) as { name: string; lead: number; online: number }[];
  return rows.map((row) => ({ name: row.name, role: row.lead ? 'lead' : 'agent', online: row.online === 1 }));
}

export function activeMemberSync(db: Database.Database, name: string): boolean {
  return statement(db, 'SELECT 1 FROM agent_tokens WHERE name = ? AND revoked_at IS NULL LIMIT 1').get(name) !== undefined;
}

export function touchAgentSessionSync(db: Database.Database, input: AgentSessionInput): void {
  statement(
    db,
    `INSERT INTO agent_sessions (session_id, agent_name, role, seen_at, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (session_id) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at`,
  ).run(input.sessionId, input.agentName, input.role, input.now, input.now + input.ttlMs);
  // Sessions of relays that died without saying goodbye are dropped once they have long expired.
  statement(db, 'DELETE FROM agent_sessions WHERE expires_at < ?').run(input.now - 60 * 60_000);
}

export function endAgentSessionSync(db: Database.Database, sessionId: string): void {
  statement(db, 'DELETE FROM agent_sessions WHERE session_id = ?').run(sessionId);
}

/**
 * Round-robin among agents (role agent) connected now, in name order, after whoever got the last one. Decided in
 * the caller's write transaction, so two relay processes never give two conversations to the same turn.
 */
export function nextRoundRobinAgentSync(db: Database.Database, now: number): string | null {
  const online = (
    statement(db, `SELECT DISTINCT agent_name FROM agent_sessions WHERE expires_at > ? AND role = 'agent' ORDER BY agent_name`).all(now) as {
      agent_name: string;
    }[]
  )
    .map((row) => row.agent_name)
    .filter((name) => activeMemberSync(db, name));
  const last = (statement(db, 'SELECT last_agent FROM assignment_rotation WHERE id = 1').get() as { last_agent: string } | undefined)?.last_agent;
  const next = nextInRotation(online, last);
  if (next === null) return null;
  statement(db, 'INSERT INTO assignment_rotation (id, last_agent) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_agent = excluded.last_agent').run(next);
  return next;
}

function storedAnswer(db: Database.Database, mutationId: string): MutationAck | null {
  return getMutationSync(db, mutationId)?.answer ?? null;
}

/** token.create by a lead: the token's hash and the answer (without the token) in one transaction. */
export function createTokenByMutationSync(db: Database.Database, input: TokenCreateByMutationInput): TokenMutationResult {
  const repeat = storedAnswer(db, input.mutationId);
  if (repeat) return { answer: repeat, applied: false };
  insertAgentTokenSync(db, input.token);
  const answer: MutationAck = { ok: true, name: input.token.name, role: input.token.role, token: null };
  recordMutationSync(db, { id: input.mutationId, type: 'token.create', agentName: input.agentName, now: input.now, answer });
  return { answer, applied: true };
}

export function revokeTokensByMutationSync(db: Database.Database, input: TokenRevokeByMutationInput): TokenMutationResult {
  const repeat = storedAnswer(db, input.mutationId);
  if (repeat) return { answer: repeat, applied: false };
  const revoked = revokeAgentTokensSync(db, input.name, input.now);
  const answer: MutationAck = { ok: true, name: input.name, revoked };
  recordMutationSync(db, { id: input.mutationId, type: 'token.revoke', agentName: input.agentName, now: input.now, answer });
  return { answer, applied: true };
}

/** The events the team report replays: customer messages, replies and their deliveries in the range, seq order. */
export function teamReportEventsSync(db: Database.Database, from: number, to: number): TeamReportSourceEvent[] {
  const rows = statement(
    db,
    `SELECT seq, type, conversation_id, occurred_at, payload FROM events
     WHERE type IN ('message.received', 'message.sent', 'delivery.updated') AND occurred_at >= ? AND occurred_at <= ?
     ORDER BY seq`,
  ).all(from, to) as EventRow[];
  return rows.map(rowToEvent) as TeamReportSourceEvent[];
}
