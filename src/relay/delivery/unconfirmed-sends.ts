import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';

/** Slack on top of the LINE timeout before a `sending` reply is declared orphaned (clock skew, slow commits). */
export const UNCONFIRMED_MARGIN_MS = 2_000;

/**
 * A relay killed during a LINE call leaves its replies `sending` forever. At start and then periodically,
 * replies `sending` for longer than any live relay's LINE call can take (timeout + margin) become
 * `failed` / `line_unconfirmed`: LINE may have delivered them, so they are never retried or pushed —
 * the agent checks the chat. Age-based, so it is safe while another relay shares the store.
 */
export async function startUnconfirmedSendSweep(deps: {
  store: RelayStore;
  now: () => number;
  logger: Logger;
  lineRequestTimeoutMs: number;
  /** Whether this process runs the periodic sweeps (the cluster's leader); the sweep at start always runs. */
  periodic?: () => boolean;
}): Promise<{ stop(): void; sweep(): Promise<number> }> {
  const staleAfterMs = deps.lineRequestTimeoutMs + UNCONFIRMED_MARGIN_MS;
  const sweep = async (): Promise<number> => {
    const now = deps.now();
    const failed = await deps.store.failUnconfirmedSends({ staleBefore: now - staleAfterMs, now, reason: DELIVERY_REASON.lineUnconfirmed });
    if (failed.length > 0) {
      deps.logger.warn(`${failed.length} repl${failed.length === 1 ? 'y' : 'ies'} left sending by an interrupted relay marked failed (line_unconfirmed)`);
    }
    return failed.length;
  };
  const safeSweep = () =>
    sweep().then(
      () => undefined,
      (error: unknown) => deps.logger.error(`Unconfirmed-send sweep failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  // The first sweep finishes before the relay serves: nothing a crashed predecessor left is ever sent again.
  await safeSweep();
  const timer = setInterval(() => {
    if (deps.periodic?.() ?? true) void safeSweep();
  }, Math.max(250, Math.floor(staleAfterMs / 4)));
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
