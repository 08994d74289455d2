import { randomUUID } from 'node:crypto';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';

/** A connected agent counts as online this long after the last renewal (a crashed relay's agents fade out). */
export const AGENT_SESSION_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** Socket ids are unique per server only: this process's prefix makes them unique across relay processes. */
const PROCESS_ID = randomUUID();

/**
 * Keeps one `agent_sessions` row for a connected socket — written at connect, renewed every 10 s, deleted at
 * disconnect — so every relay process sharing the store knows who is online (round-robin, the token list).
 */
export function trackAgentSession(deps: {
  store: RelayStore;
  agent: AuthenticatedAgent;
  now: () => number;
  logger: Logger;
  socketId: string;
}): { end(): void } {
  const sessionId = `${PROCESS_ID}:${deps.socketId}`;
  const report = (error: unknown) => deps.logger.error(`agent session not stored: ${error instanceof Error ? error.message : String(error)}`);
  const touch = () =>
    deps.store.touchAgentSession({ sessionId, agentName: deps.agent.name, role: deps.agent.role, now: deps.now(), ttlMs: AGENT_SESSION_TTL_MS }).catch(report);
  void touch();
  const timer = setInterval(() => void touch(), RENEW_EVERY_MS);
  timer.unref();
  return {
    end() {
      clearInterval(timer);
      deps.store.endAgentSession(sessionId).catch(report);
    },
  };
}
