import type { MutationAck } from '../../shared/protocol';
import { loadingSecondsFor, TYPING_INDICATOR_THROTTLE_MS } from '../../shared/delivery/typing-indicator';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { LineMessagingClient } from '../channels/line/messaging-client';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';

/** Messenger/Instagram's counterparts (channels/meta/sender-actions.ts); both ignore other channels' conversations. */
export interface MetaCourtesy {
  markSeen(conversationId: string): Promise<boolean>;
  agentTyping(conversationId: string): void;
}

export interface CourtesyDeps {
  store: RelayStore;
  client: LineMessagingClient | null;
  now: () => number;
  logger: Logger;
  metaActions?: MetaCourtesy | null;
}

/**
 * conversation.markRead: once per mutation id, and each markAsReadToken goes to LINE at most once (the
 * store marks it used before the call). Answers ok also when there was nothing to mark; a LINE failure is
 * only logged — an unread mark on the customer's phone is not worth an error in front of the agent.
 */
export async function markConversationRead(
  deps: CourtesyDeps,
  mutationId: string,
  conversationId: string,
  agent: AuthenticatedAgent,
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): Promise<MutationAck> {
  const begun = await deps.store.beginMarkRead({ mutationId, conversationId, agentName: agent.name, now: deps.now() });
  if (begun.kind === 'repeat') {
    return begun.mutation.state === 'done' && begun.mutation.answer ? begun.mutation.answer : waitForStoredAnswer(mutationId);
  }
  if (begun.token !== null) {
    if (!deps.client) {
      deps.logger.warn(`Not marked as read on LINE (no channel access token): ${conversationId}`);
    } else {
      const outcome = await deps.client.markAsRead(begun.token);
      if (!outcome.ok) deps.logger.warn(`LINE did not mark ${conversationId} as read: ${outcome.detail}`);
    }
  }
  // Messenger/Instagram have no read token: "seen" goes out once per mutation id, inside the window only.
  if (deps.metaActions) {
    await deps.metaActions.markSeen(conversationId).catch((error: unknown) => {
      deps.logger.warn(`Meta mark_seen failed in ${conversationId}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  return begun.answer;
}

/**
 * Shows LINE's typing indicator to the customer while an agent types (driven by the agents' `presence`
 * frames) — only within the free reply window, at most once per TYPING_INDICATOR_THROTTLE_MS per
 * conversation across all relay processes (the claim is in the shared store). Failures are only logged.
 */
export function createTypingIndicator(deps: CourtesyDeps) {
  const running = new Set<Promise<void>>();

  async function show(conversationId: string): Promise<void> {
    const client = deps.client;
    if (!client) return;
    const now = deps.now();
    const claim = await deps.store.claimTypingIndicator({ conversationId, now, throttleMs: TYPING_INDICATOR_THROTTLE_MS });
    if (!claim) return;
    const seconds = loadingSecondsFor(claim.tokenReceivedAt, now);
    if (seconds === null) return;
    const outcome = await client.showLoading(claim.chatId, seconds);
    if (!outcome.ok) deps.logger.warn(`LINE typing indicator not shown in ${conversationId}: ${outcome.detail}`);
  }

  return {
    /** An agent reported typing in `conversationId`; never throws. */
    agentTyping(conversationId: string): void {
      deps.metaActions?.agentTyping(conversationId);
      const task = show(conversationId)
        .catch((error: unknown) => deps.logger.error(`typing indicator failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => running.delete(task));
      running.add(task);
    },
    /** Resolves when no LINE call of the indicator is in flight (before the store closes). */
    async whenIdle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
export type TypingIndicator = ReturnType<typeof createTypingIndicator>;
