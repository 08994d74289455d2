import type { PricePlan, QuotaUpdatedPayload } from '../../../shared/protocol';
import type { QuotaPoll } from '../relay-store';
import { monthOf, payloadOf, type QuotaRow } from '../sqlite-quota';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-quota.ts: the relay-wide quota row (id = 1). */
async function readQuotaRow(tx: PgTx, forUpdate = false): Promise<QuotaRow & { blocked_at: number | null }> {
  const row = await tx.row<QuotaRow & { blocked_at: number | null }>(
    `SELECT quota_type, quota_limit, used, polled_at, blocked, blocked_at, last_event_json FROM quota_state WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`,
  );
  if (!row) throw new Error('the quota row is missing');
  return row;
}

export async function isQuotaBlocked(tx: PgTx): Promise<boolean> {
  return (await readQuotaRow(tx)).blocked === 1;
}

/** Emits quota.updated when anything but the poll time changed since the last one. Caller holds the row lock. */
async function announceIfChanged(tx: PgTx, plan: PricePlan, now: number): Promise<void> {
  const row = await readQuotaRow(tx);
  const payload = payloadOf(row, plan, now);
  const comparable = JSON.stringify({ ...payload, polledAt: 0 });
  if (comparable === row.last_event_json) return;
  await tx.run('UPDATE quota_state SET last_event_json = $1 WHERE id = 1', [comparable]);
  tx.emit([{ type: 'quota.updated', occurredAt: now, payload }]);
}

/** LINE answered 429: stop every relay process pushing until a poll shows room again. */
export async function blockQuota(tx: PgTx, plan: PricePlan, now: number): Promise<void> {
  await tx.run('UPDATE quota_state SET blocked = 1, blocked_at = $1 WHERE id = 1', [now]);
  await announceIfChanged(tx, plan, now);
}

/** See sqlite-quota.ts recordQuotaPollSync: only real new room lifts a block set by a 429. */
export async function recordQuotaPoll(tx: PgTx, poll: QuotaPoll, plan: PricePlan): Promise<void> {
  const before = await readQuotaRow(tx, true);
  const exhausted = poll.type === 'limited' && poll.limit !== null && poll.used >= poll.limit;
  const newRoom =
    poll.type === 'none' ||
    (before.quota_limit !== null && poll.limit !== before.quota_limit) ||
    before.blocked_at === null ||
    monthOf(poll.polledAt) !== monthOf(before.blocked_at);
  const blocked = exhausted || (before.blocked === 1 && !newRoom);
  await tx.run(
    `UPDATE quota_state SET quota_type = $1, quota_limit = $2, used = $3, polled_at = $4, blocked = $5::smallint,
       blocked_at = CASE WHEN $5::smallint = 1 THEN COALESCE(blocked_at, $4) ELSE NULL END
     WHERE id = 1`,
    [poll.type, poll.limit, poll.used, poll.polledAt, blocked ? 1 : 0],
  );
  await announceIfChanged(tx, plan, poll.polledAt);
}

export async function quotaSnapshot(tx: PgTx, plan: PricePlan, now: number): Promise<QuotaUpdatedPayload> {
  return payloadOf(await readQuotaRow(tx), plan, now);
}
