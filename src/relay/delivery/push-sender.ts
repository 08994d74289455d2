import { nextStepAfterPush } from '../../shared/delivery/policy';
import { DELIVERY_REASON, lineRefusedReason } from '../../shared/delivery/reasons';
import type { PushItem } from '../store/relay-store';
import type { ReplySenderDeps } from './reply-sender';
import { lineMessageOf } from '../channels/line/outgoing-messages';

export type PushOutcome = { delivery: 'sent_push' | 'held' | 'failed'; reason: string | null };

/**
 * Sends a claimed item as a counted push. Its X-Line-Retry-Key was stored with the item before this first
 * attempt; retries (only after 5xx/timeout) reuse it, so LINE answers 409 — counted as sent — instead of
 * delivering twice. 429 "monthly limit" keeps the item held and stops every relay process from pushing.
 */
export async function pushClaimedItem(deps: ReplySenderDeps, item: PushItem, completesMutation: string | null): Promise<PushOutcome> {
  const plan = deps.quota.currentPlan();
  if (!deps.client) {
    const outcome: PushOutcome = { delivery: 'failed', reason: DELIVERY_REASON.lineNotConfigured };
    await deps.store.settlePush({ item, ...outcome, attempts: 0, now: deps.now(), blockQuota: false, plan, completesMutation });
    return outcome;
  }
  for (let attempt = 1; ; attempt += 1) {
    const message = lineMessageOf(item, deps.publicBaseUrl ?? null);
    if (!message) {
      const outcome: PushOutcome = { delivery: 'failed', reason: DELIVERY_REASON.publicUrlNotConfigured };
      await deps.store.settlePush({ item, ...outcome, attempts: 0, now: deps.now(), blockQuota: false, plan, completesMutation });
      return outcome;
    }
    const lineOutcome = await deps.client.pushMessages(item.friendId, [message], item.retryKey);
    const next = nextStepAfterPush(lineOutcome, { number: attempt, maxAttempts: deps.push.maxAttempts, retryKey: item.retryKey }, lineRefusedReason);
    if (next.step === 'retry') {
      deps.logger.warn(`Push of ${item.messageId} got no clear answer (attempt ${attempt}); retrying with the same retry key`);
      await new Promise((resolve) => setTimeout(resolve, deps.push.retryDelayMs * attempt));
      continue;
    }
    const outcome: PushOutcome =
      next.step === 'sent'
        ? { delivery: 'sent_push', reason: null }
        : { delivery: next.step === 'hold' ? 'held' : 'failed', reason: next.reason };
    const blockQuota = next.step === 'hold' && next.blockQuota;
    if (blockQuota) deps.logger.warn('LINE answered 429 (monthly limit): pushes stop until the quota has room again');
    await deps.store.settlePush({ item, ...outcome, attempts: attempt, now: deps.now(), blockQuota, plan, completesMutation });
    deps.quota.pollSoon();
    return outcome;
  }
}
