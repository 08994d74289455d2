import { randomUUID } from 'node:crypto';
import { pushClaimedItem } from '../delivery/push-sender';
import type { ReplySenderDeps } from '../delivery/reply-sender';

/**
 * Every `intervalMs` (relay clock via deps.now) queues the payment reminders that became due: the store
 * claims each one once (also with several relay processes) and creates it held — or, with the shop's standing
 * consent, as a counted push, sent here with the retry key the store recorded first. Runs never overlap. With
 * several relay processes only the one `periodic()` names (the background lease's holder) sweeps on the timer.
 */
export function startReminderSweep(deps: ReplySenderDeps, intervalMs: number, periodic: () => boolean = () => true) {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;

  async function sweepOnce(): Promise<number> {
    const { queued, pushes } = await deps.store.queueDueReminders({ now: deps.now(), rules: deps.rules, newId: randomUUID });
    for (const item of pushes) await pushClaimedItem(deps, item, null);
    if (queued > 0) deps.logger.info(`Queued ${queued} payment reminder(s) (${pushes.length} pushed)`);
    return queued;
  }

  /** Runs a sweep after any running one; resolves with how many reminders it queued. */
  function run(): Promise<number> {
    const next = running.catch(() => 0).then(sweepOnce);
    running = next.catch(() => 0);
    return next;
  }

  const timer = setInterval(() => {
    if (stopped || !periodic()) return;
    run().catch((error: unknown) => deps.logger.error(`Reminder sweep failed: ${error instanceof Error ? error.message : String(error)}`));
  }, intervalMs);
  timer.unref();

  return {
    run,
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
export type ReminderSweep = ReturnType<typeof startReminderSweep>;
