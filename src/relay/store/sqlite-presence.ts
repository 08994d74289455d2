import type Database from 'better-sqlite3';
import type { PresenceInput } from './relay-store';

/** Records where an agent is typing (or that they stopped), replacing their previous report. */
export function setPresenceSync(db: Database.Database, input: PresenceInput): void {
  const typing = input.typing && input.conversationId !== null;
  db.prepare(
    `INSERT INTO agent_presence (token_hash, agent_name, conversation_id, typing, updated_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (token_hash) DO UPDATE SET agent_name = excluded.agent_name, conversation_id = excluded.conversation_id,
       typing = excluded.typing, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
  ).run(input.tokenHash, input.agentName, input.conversationId, typing ? 1 : 0, input.now, input.now + (typing ? input.ttlMs : 0));
}

/** Names of agents whose typing report for this conversation has not expired at `now`. */
export function typingAgentsSync(db: Database.Database, conversationId: string, now: number): string[] {
  const rows = db
    .prepare('SELECT agent_name FROM agent_presence WHERE conversation_id = ? AND typing = 1 AND expires_at > ? ORDER BY agent_name')
    .all(conversationId, now) as { agent_name: string }[];
  return rows.map((row) => row.agent_name);
}
