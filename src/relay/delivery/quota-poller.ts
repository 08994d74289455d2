import { resolvePlan } from '../../shared/billing/plans';
import type { PricePlan } from '../../shared/protocol';
import type { LineMessagingClient } from '../channels/line/messaging-client';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';

export interface QuotaPollerOptions {
  store: RelayStore;
  client: LineMessagingClient | null;
  now: () => number;
  logger: Logger;
  intervalMs: number;
  plans: readonly PricePlan[];
  /** Configured plan id, or null to infer it from LINE's limit. */
  planId: string | null;
  /** Whether this process runs the periodic polls (the cluster's leader); polls at start and after pushes always run. */
  periodic?: () => boolean;
}

/**
 * Polls LINE's monthly quota and consumption on an interval and right after pushes, storing each poll
 * (the store appends quota.updated when something changed and lifts/sets the push block).
 */
export function createQuotaPoller(options: QuotaPollerOptions) {
  let knownLimit: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const currentPlan = (): PricePlan => resolvePlan(options.plans, options.planId, knownLimit);

  async function pollOnce(): Promise<void> {
    if (!options.client) return;
    try {
      const quota = await options.client.getQuota();
      knownLimit = quota.limit;
      await options.store.recordQuotaPoll({ ...quota, polledAt: options.now() }, currentPlan());
    } catch (error) {
      options.logger.warn(`LINE quota poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function pollSoon(): void {
    if (stopped || !options.client) return;
    if (running) {
      again = true;
      return;
    }
    running = pollOnce().finally(() => {
      running = null;
      if (again) {
        again = false;
        pollSoon();
      }
    });
  }

  return {
    currentPlan,
    pollSoon,
    async pollNow() {
      while (running) await running;
      await pollOnce();
    },
    start() {
      pollSoon();
      timer = setInterval(() => {
        if (options.periodic?.() ?? true) pollSoon();
      }, options.intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      while (running) await running;
    },
  };
}
export type QuotaPoller = ReturnType<typeof createQuotaPoller>;
