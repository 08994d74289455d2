import type { AgentTokenRecord } from '../relay-store';
import { rowToAgentToken, type AgentTokenRow } from '../sqlite-agent-tokens';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-agent-tokens.ts: only token hashes are stored. */
export async function insertAgentToken(tx: PgTx, token: AgentTokenRecord): Promise<void> {
  await tx.run('INSERT INTO agent_tokens (token_hash, name, role, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5)', [
    token.tokenHash,
    token.name,
    token.role,
    token.createdAt,
    token.revokedAt,
  ]);
}

export async function findAgentTokens(tx: PgTx, tokenHashes: readonly string[]): Promise<AgentTokenRecord[]> {
  const rows = await tx.rows<AgentTokenRow>('SELECT * FROM agent_tokens WHERE token_hash = ANY($1::text[])', [tokenHashes]);
  return rows.map(rowToAgentToken);
}

export async function revokeAgentTokens(tx: PgTx, name: string, revokedAt: number): Promise<number> {
  return tx.run('UPDATE agent_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL', [revokedAt, name]);
}

export async function listAgentTokens(tx: PgTx): Promise<AgentTokenRecord[]> {
  return (await tx.rows<AgentTokenRow>('SELECT * FROM agent_tokens ORDER BY created_at, name COLLATE "C"')).map(rowToAgentToken);
}
