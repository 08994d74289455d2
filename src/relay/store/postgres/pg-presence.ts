import type { PresenceInput } from '../relay-store';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-presence.ts: where each agent is typing, shared by every relay process. */
export async function setPresence(tx: PgTx, input: PresenceInput): Promise<void> {
  const typing = input.typing && input.conversationId !== null;
  await tx.run(
    `INSERT INTO agent_presence (token_hash, agent_name, conversation_id, typing, updated_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (token_hash) DO UPDATE SET agent_name = excluded.agent_name, conversation_id = excluded.conversation_id,
       typing = excluded.typing, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
    [input.tokenHash, input.agentName, input.conversationId, typing ? 1 : 0, input.now, input.now + (typing ? input.ttlMs : 0)],
  );
}

export async function typingAgents(tx: PgTx, conversationId: string, now: number): Promise<string[]> {
  const rows = await tx.rows<{ agent_name: string }>(
    'SELECT agent_name FROM agent_presence WHERE conversation_id = $1 AND typing = 1 AND expires_at > $2 ORDER BY agent_name COLLATE "C"',
    [conversationId, now],
  );
  return rows.map((row) => row.agent_name);
}
