import type Database from 'better-sqlite3';
import type { NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent } from '../../shared/protocol';
import type { QuotaPoll } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';

interface QuotaRow {
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

function payloadOf(row: QuotaRow, plan: PricePlan, now: number): QuotaUpdatedPayload {
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

/**
 * Records a quota poll. A poll that shows room (a new month, a bigger plan, an unlimited quota) lifts the
 * block; a poll that shows the limit reached sets it, so pushes stop before LINE has to refuse one.
 */
export function recordQuotaPollSync(db: Database.Database, poll: QuotaPoll, plan: PricePlan): RelayEvent[] {
  const exhausted = poll.type === 'limited' && poll.limit !== null && poll.used >= poll.limit;
  db.prepare(
    `UPDATE quota_state SET quota_type = ?, quota_limit = ?, used = ?, polled_at = ?,
       blocked = ?, blocked_at = CASE WHEN ? = 1 THEN COALESCE(blocked_at, ?) ELSE NULL END
     WHERE id = 1`,
  ).run(poll.type, poll.limit, poll.used, poll.polledAt, exhausted ? 1 : 0, exhausted ? 1 : 0, poll.polledAt);
  return announceIfChangedSync(db, plan, poll.polledAt);
}

export function quotaSnapshotSync(db: Database.Database, plan: PricePlan, now: number): QuotaUpdatedPayload {
  return payloadOf(readQuotaRow(db), plan, now);
}
