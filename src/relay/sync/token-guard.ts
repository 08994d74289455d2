import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { Logger } from '../logger';
import type { AgentTokenRecord, RelayStore } from '../store/relay-store';

/** One authenticated socket as the guard sees it. */
export interface GuardedSession {
  tokenHash: string;
  /** Who the socket authenticated as: a record that no longer says this cuts it off. */
  agent: AuthenticatedAgent;
  disconnect(): void;
}

/** Why a token no longer carries this session, or null while it does. */
export function tokenProblem(record: AgentTokenRecord | null, agent: AuthenticatedAgent): string | null {
  if (!record) return 'the token no longer exists';
  if (record.revokedAt !== null) return 'the token was revoked';
  if (record.role !== agent.role || record.name !== agent.name) return `the token's agent changed (now ${record.role})`;
  return null;
}

/**
 * Keeps open sockets in step with the token table, which another process (`npm run relay -- token revoke`,
 * another relay) may change at any time: `check` authorises one frame against the current record, and a
 * sweep every `intervalMs` reads the records of all this process's sockets in one query and disconnects
 * those whose token was revoked, removed or changed.
 */
export function createTokenGuard(deps: { store: RelayStore; logger: Logger; intervalMs: number }) {
  const sessions = new Set<GuardedSession>();

  const cutOff = (session: GuardedSession, problem: string) => {
    if (!sessions.delete(session)) return;
    deps.logger.warn(`Disconnected agent "${session.agent.name}": ${problem}`);
    session.disconnect();
  };

  const sweep = async () => {
    if (sessions.size === 0) return;
    const hashes = [...new Set([...sessions].map((session) => session.tokenHash))];
    const records = new Map((await deps.store.findAgentTokens(hashes)).map((record) => [record.tokenHash, record]));
    for (const session of [...sessions]) {
      const problem = tokenProblem(records.get(session.tokenHash) ?? null, session.agent);
      if (problem) cutOff(session, problem);
    }
  };

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.logger.error(`token check failed: ${error instanceof Error ? error.message : String(error)}`));
  }, deps.intervalMs);
  timer.unref();

  return {
    add(session: GuardedSession): void {
      sessions.add(session);
    },
    remove(session: GuardedSession): void {
      sessions.delete(session);
    },
    /**
     * True when the session's token still carries it; otherwise `beforeDisconnect` runs (to answer the
     * frame) and the session is disconnected.
     */
    async check(session: GuardedSession, beforeDisconnect?: () => void): Promise<boolean> {
      const problem = tokenProblem(await deps.store.findAgentToken(session.tokenHash), session.agent);
      if (problem) {
        beforeDisconnect?.();
        cutOff(session, problem);
      }
      return problem === null;
    },
    sweep,
    stop(): void {
      clearInterval(timer);
    },
  };
}
export type TokenGuard = ReturnType<typeof createTokenGuard>;
