import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AgentRole, RelayStore } from '../store/relay-store';

export const AGENT_TOKEN_PREFIX = 'sia_';

export const agentTokenRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name is required')
    .max(64, 'name is at most 64 characters')
    .regex(/^[^\u0000-\u001f\u007f]+$/u, 'name must not contain control characters'),
  role: z.enum(['agent', 'lead'], { message: 'role must be "agent" or "lead"' }),
});
export type AgentTokenRequest = z.infer<typeof agentTokenRequestSchema>;

export interface AuthenticatedAgent {
  name: string;
  role: AgentRole;
}

/** Only this hash is stored: a leaked database does not leak working tokens. */
export function hashAgentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token (32 random bytes, base64url, prefixed), stores its hash, and returns the token once. */
export async function createAgentToken(
  store: RelayStore,
  request: AgentTokenRequest,
  now: number = Date.now(),
): Promise<string> {
  const { name, role } = agentTokenRequestSchema.parse(request);
  const token = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await store.insertAgentToken({ tokenHash: hashAgentToken(token), name, role, createdAt: now, revokedAt: null });
  return token;
}

/** The agent a token belongs to, or null when it is unknown or revoked. */
export async function authenticateAgentToken(store: RelayStore, token: string): Promise<AuthenticatedAgent | null> {
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) return null;
  const record = await store.findAgentToken(hashAgentToken(token));
  if (!record || record.revokedAt !== null) return null;
  return { name: record.name, role: record.role };
}

export async function revokeAgentTokens(store: RelayStore, name: string, now: number = Date.now()): Promise<number> {
  return await store.revokeAgentTokens(name, now);
}
