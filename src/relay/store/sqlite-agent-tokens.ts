import type Database from 'better-sqlite3';
import type { AgentTokenRecord } from './relay-store';

export interface AgentTokenRow {
  token_hash: string;
  name: string;
  role: 'agent' | 'lead';
  created_at: number;
  revoked_at: number | null;
}

export function rowToAgentToken(row: AgentTokenRow): AgentTokenRecord {
  return { tokenHash: row.token_hash, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export function insertAgentTokenSync(db: Database.Database, token: AgentTokenRecord): void {
  db.prepare('INSERT INTO agent_tokens (token_hash, name, role, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)').run(
    token.tokenHash,
    token.name,
    token.role,
    token.createdAt,
    token.revokedAt,
  );
}

export function findAgentTokenSync(db: Database.Database, tokenHash: string): AgentTokenRecord | null {
  const row = db.prepare('SELECT * FROM agent_tokens WHERE token_hash = ?').get(tokenHash) as AgentTokenRow | undefined;
  return row ? rowToAgentToken(row) : null;
}

/** SQLite's default limit of bound parameters per statement is 32,766; stay well under it. */
const HASHES_PER_QUERY = 500;

/** Current records of many tokens: one query per 500 hashes (one query for any realistic team). */
export function findAgentTokensSync(db: Database.Database, tokenHashes: readonly string[]): AgentTokenRecord[] {
  const found: AgentTokenRecord[] = [];
  for (let start = 0; start < tokenHashes.length; start += HASHES_PER_QUERY) {
    const chunk = tokenHashes.slice(start, start + HASHES_PER_QUERY);
    const rows = db.prepare(`SELECT * FROM agent_tokens WHERE token_hash IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as AgentTokenRow[];
    found.push(...rows.map(rowToAgentToken));
  }
  return found;
}

/** Revokes every active token with that name; returns how many. */
export function revokeAgentTokensSync(db: Database.Database, name: string, revokedAt: number): number {
  return db.prepare('UPDATE agent_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(revokedAt, name).changes;
}

export function listAgentTokensSync(db: Database.Database): AgentTokenRecord[] {
  return (db.prepare('SELECT * FROM agent_tokens ORDER BY created_at, name').all() as AgentTokenRow[]).map(rowToAgentToken);
}
