import type pg from 'pg';
import { BACKGROUND_JOBS, SHARED_JOBS, type BackgroundLease } from '../../coordination/background-lease';
import { query } from './pg-query';

const LEASE_NAME = 'background';

/** Takes the lease when it is free or expired, or renews it when this process holds it; the database's clock decides. */
const ACQUIRE_SQL = `
  INSERT INTO relay_leases (name, holder, acquired_at, expires_at)
  VALUES ($1, $2, clock_timestamp(), clock_timestamp() + $3 * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE SET
    holder = excluded.holder,
    acquired_at = CASE WHEN relay_leases.holder = excluded.holder THEN relay_leases.acquired_at ELSE excluded.acquired_at END,
    expires_at = excluded.expires_at
  WHERE relay_leases.holder = excluded.holder OR relay_leases.expires_at < clock_timestamp()
  RETURNING (EXTRACT(EPOCH FROM (expires_at - clock_timestamp())) * 1000)::bigint AS remaining_ms`;

/**
 * The cluster's background-work lease on PostgreSQL (ADR 0015): a row in relay_leases with an expiry on the
 * database's clock. The holder renews every third of the lease; every other relay tries as often and takes over once
 * the holder stopped renewing (killed, cut off) and the lease expired. A holder counts itself leader only until its
 * own (monotonic) clock says the lease it last renewed could have run out, so two leaders never overlap for long —
 * and if they did, the store would still claim every item once.
 */
export async function startPostgresLease(pool: pg.Pool, options: { processId: string; leaseMs: number; onError: (message: string) => void }): Promise<BackgroundLease> {
  let heldUntil = 0;
  let stopped = false;
  let attempt: Promise<void> = Promise.resolve();

  const tryAcquire = async () => {
    const asked = performance.now();
    try {
      const result = await query<{ remaining_ms: number }>(pool, ACQUIRE_SQL, [LEASE_NAME, options.processId, options.leaseMs]);
      const remaining = result.rows[0]?.remaining_ms;
      heldUntil = remaining === undefined ? 0 : asked + remaining;
    } catch (error) {
      // Unreachable database: stop counting as leader once the last renewal runs out.
      options.onError(`background lease not renewed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  await tryAcquire();
  const timer = setInterval(() => {
    if (!stopped) attempt = tryAcquire();
  }, Math.max(250, Math.floor(options.leaseMs / 3)));
  timer.unref();

  const held = () => !stopped && performance.now() < heldUntil;
  return {
    held,
    report: () => ({ role: held() ? 'leader' : 'standby', processId: options.processId, jobs: BACKGROUND_JOBS, sharedJobs: SHARED_JOBS }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await attempt;
      if (heldUntil === 0) return;
      heldUntil = 0;
      await query(pool, 'DELETE FROM relay_leases WHERE name = $1 AND holder = $2', [LEASE_NAME, options.processId]).catch(() => undefined);
    },
  };
}
