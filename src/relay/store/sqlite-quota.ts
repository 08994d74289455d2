import type Database from 'better-sqlite3';
import type { NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent } from '../../shared/protocol';
import type { QuotaPoll } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';

export interface QuotaRow {
  quota_type: 'none' | 'limited' | null;
  quota_limit: number | null;
  used: number | null;
  polled_at: number | null;
  blocked: number;
  last_event_json: string | null;
}

function readQuotaRow(db: Database.Database): QuotaRow {
  return db.prepare('SELECT quota_type, quota_limit, used, polled_at, blocked, last_event_json FROM quota_state WHERE id = 1').get() as QuotaRow;
}

/** Relay-wide: set after LINE answered 429 "monthly limit"; every relay process sharing the store reads it. */
export function isQuotaBlockedSync(db: Database.Database): boolean {
  return readQuotaRow(db).blocked === 1;
}

export function payloadOf(row: QuotaRow, plan: PricePlan, now: number): QuotaUpdatedPayload {
  return {
    type: row.quota_type ?? 'limited',
    limit: row.quota_type === 'none' ? null : (row.quota_limit ?? plan.includedMessages),
    used: row.used ?? 0,
    polledAt: row.polled_at ?? now,
    blocked: row.blocked === 1,
    plan,
  };
}

/** Appends quota.updated when anything but the poll time changed since the last one (quiet polls add nothing). */
function announceIfChangedSync(db: Database.Database, plan: PricePlan, now: number): RelayEvent[] {
  const row = readQuotaRow(db);
  const payload = payloadOf(row, plan, now);
  const comparable = JSON.stringify({ ...payload, polledAt: 0 });
  if (comparable === row.last_event_json) return [];
  db.prepare('UPDATE quota_state SET last_event_json = ? WHERE id = 1').run(comparable);
  const event: NewRelayEvent = { type: 'quota.updated', occurredAt: now, payload };
  return appendEventsSync(db, [event]);
}

/** LINE answered 429: stop pushing until a poll shows room again. */
export function blockQuotaSync(db: Database.Database, plan: PricePlan, now: number): RelayEvent[] {
  db.prepare('UPDATE quota_state SET blocked = 1, blocked_at = ? WHERE id = 1').run(now);
  return announceIfChangedSync(db, plan, now);
}

const TAIPEI_OFFSET_MS = 8 * 3600_000;
/** The quota month (LINE counts per calendar month; shops here live on Taiwan time). */
export function monthOf(at: number): number {
  const date = new Date(at + TAIPEI_OFFSET_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/**
 * Records a quota poll. A poll that shows the limit reached sets the block, so pushes stop before LINE has
 * to refuse one. A block set by a 429 is lifted only by real new room — unlimited quota, a different limit
 * (plan change) or a new month — not by a consumption figure that merely lags behind LINE's own count.
 */
export function recordQuotaPollSync(db: Database.Database, poll: QuotaPoll, plan: PricePlan): RelayEvent[] {
  const before = db.prepare('SELECT quota_limit, blocked, blocked_at FROM quota_state WHERE id = 1').get() as {
    quota_limit: number | null;
    blocked: number;
    blocked_at: number | null;
  };
  const exhausted = poll.type === 'limited' && poll.limit !== null && poll.used >= poll.limit;
  const newRoom =
    poll.type === 'none' ||
    (before.quota_limit !== null && poll.limit !== before.quota_limit) ||
    before.blocked_at === null ||
    monthOf(poll.polledAt) !== monthOf(before.blocked_at);
  const blocked = exhausted || (before.blocked === 1 && !newRoom);
  db.prepare(
    `UPDATE quota_state SET quota_type = ?, quota_limit = ?, used = ?, polled_at = ?, blocked = ?,
       blocked_at = CASE WHEN ? = 1 THEN COALESCE(blocked_at, ?) ELSE NULL END
     WHERE id = 1`,
  ).run(poll.type, poll.limit, poll.used, poll.polledAt, blocked ? 1 : 0, blocked ? 1 : 0, poll.polledAt);
  return announceIfChangedSync(db, plan, poll.polledAt);
}

export function quotaSnapshotSync(db: Database.Database, plan: PricePlan, now: number): QuotaUpdatedPayload {
  return payloadOf(readQuotaRow(db), plan, now);
}
