import { useCallback, useEffect, useRef } from 'react';
import { useInboxApi } from '../../api/api-context';

/** Renewed this often while the agent keeps typing (the relay forgets a report after 15 s). */
const RENEW_MS = 5_000;
/** No keystroke for this long: the agent stopped typing, auto-replies may go out again. */
const IDLE_MS = 8_000;

/**
 * Tells the relay (through the core) that the agent is typing in this conversation, so it holds back
 * automatic replies there. A hint only: failures are ignored, and the relay lets reports expire.
 */
export function useTypingPresence(conversationId: string): { typed(): void; stopped(): void } {
  const api = useInboxApi();
  const lastSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const report = useCallback(
    (typing: boolean) => {
      api.invoke('presence:typing', { conversationId, typing }).catch(() => undefined);
    },
    [api, conversationId],
  );

  const stopped = useCallback(() => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (lastSentAt.current === 0) return;
    lastSentAt.current = 0;
    report(false);
  }, [report]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSentAt.current >= RENEW_MS) {
      lastSentAt.current = now;
      report(true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopped, IDLE_MS);
  }, [report, stopped]);

  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}
