import { metaSendMode } from '../../../shared/delivery/meta-window';
import { TYPING_INDICATOR_THROTTLE_MS } from '../../../shared/delivery/typing-indicator';
import type { Logger } from '../../logger';
import type { MetaGraphClient, MetaSenderAction } from './graph-client';
import type { MetaChannelHealth } from './meta-health';

/**
 * Messenger/Instagram sender actions, the counterparts of LINE's read receipts and typing indicator
 * (src/relay/delivery/read-and-typing.ts): `mark_seen` when an agent opens or marks the conversation read,
 * `typing_on` while an agent types. Only inside the 24 h standard window — outside it Meta refuses them, and
 * "typing…" with no reply possible would only disappoint the customer. Failures are only logged.
 */

/** What the actions need to know about a conversation (from the store). */
export interface MetaConversationTarget {
  /** The PSID/IGSID. */
  recipientId: string;
  /** Meta's timestamp of the customer's last message; null = they never wrote. */
  lastCustomerMessageAt: number | null;
}

export interface MetaSenderActionDeps {
  client: MetaGraphClient;
  health: MetaChannelHealth;
  now: () => number;
  logger: Logger;
  /** Null when the conversation is unknown or not a Messenger/Instagram one. */
  targetOf(conversationId: string): Promise<MetaConversationTarget | null>;
}

export function createMetaSenderActions(deps: MetaSenderActionDeps) {
  // typing_on shows "…" for about 20 s; renewing it more often than that is noise. Per process: a second
  // relay may send one more, which is harmless (nothing is charged, nothing shown twice).
  const typingShownAt = new Map<string, number>();
  const running = new Set<Promise<void>>();

  async function act(conversationId: string, action: MetaSenderAction): Promise<boolean> {
    const target = await deps.targetOf(conversationId);
    if (!target) return false;
    if (metaSendMode(target.lastCustomerMessageAt, deps.now(), false).mode !== 'response') return false;
    const result = await deps.client.senderAction(target.recipientId, action);
    if (result.kind === 'done') {
      deps.health.tokenWorked();
      return true;
    }
    if (result.kind === 'token_invalid') deps.health.tokenRefused();
    const detail = result.kind === 'unknown_outcome' ? result.detail : `${result.kind} (#${result.code ?? '?'}): ${result.message}`;
    deps.logger.warn(`Meta ${action} not shown in ${conversationId}: ${detail}`);
    return false;
  }

  function track(work: Promise<unknown>): void {
    const task = work
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error(`Meta sender action failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => running.delete(task));
    running.add(task);
  }

  return {
    /** The agent read the conversation: the customer sees "Seen". Resolves true when Meta showed it. */
    markSeen: (conversationId: string): Promise<boolean> => act(conversationId, 'mark_seen'),
    /** An agent is typing there (presence frame); never throws, at most once per throttle period. */
    agentTyping(conversationId: string): void {
      const now = deps.now();
      const last = typingShownAt.get(conversationId);
      if (last !== undefined && now - last < TYPING_INDICATOR_THROTTLE_MS) return;
      if (typingShownAt.size >= 1000) {
        for (const [id, at] of typingShownAt) if (now - at >= TYPING_INDICATOR_THROTTLE_MS) typingShownAt.delete(id);
      }
      typingShownAt.set(conversationId, now);
      track(act(conversationId, 'typing_on'));
    },
    /** Resolves when no sender action is in flight (before the store closes). */
    async whenIdle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
export type MetaSenderActions = ReturnType<typeof createMetaSenderActions>;
