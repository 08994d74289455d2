import type { IncomingMessage } from 'node:http';
import { authenticateAgentToken, type AuthenticatedAgent } from '../auth/agent-tokens';
import type { RelayStore } from '../store/relay-store';

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/iu.exec(header);
  return match ? match[1]! : null;
}

/** The agent whose valid (not revoked) token the request carries, or null. */
export async function authenticateBearer(req: IncomingMessage, store: RelayStore): Promise<AuthenticatedAgent | null> {
  const token = bearerToken(req);
  return token ? authenticateAgentToken(store, token) : null;
}
