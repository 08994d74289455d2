import { quotaViewSchema, type QuotaView } from '../../../shared/ipc/views';
import type { LocalDatabase } from './database';
import { statement } from './statements';

/** Typed access to the meta table: one function per fact, values stored as text. */

type MetaKey =
  | 'cursor'
  | 'cursorFingerprint'
  | 'relayId'
  | 'serverTimeOffset'
  | 'openConversationId'
  | 'agentName'
  | 'agentRole'
  | 'demo'
  | 'lastSyncedAt'
  | 'quota';

function read(db: LocalDatabase, key: MetaKey): string | null {
  const row = statement(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

function write(db: LocalDatabase, key: MetaKey, value: string | null): void {
  if (value === null) {
    statement(db, 'DELETE FROM meta WHERE key = ?').run(key);
    return;
  }
  statement(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

function readInt(db: LocalDatabase, key: MetaKey): number | null {
  const value = read(db, key);
  if (value === null) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Last applied event seq (0 for a new store). */
export function getCursor(db: LocalDatabase): number {
  return readInt(db, 'cursor') ?? 0;
}
export function setCursor(db: LocalDatabase, cursor: number): void {
  write(db, 'cursor', String(cursor));
}

/**
 * What the event at the cursor looked like (type, time, conversation). After a reconnect the client
 * compares it with the relay's event at that seq: a relay restored from an old backup has other events
 * there (or none), and the client must resync instead of skipping them as already applied.
 */
export function getCursorFingerprint(db: LocalDatabase): string | null {
  return read(db, 'cursorFingerprint');
}
export function setCursorFingerprint(db: LocalDatabase, fingerprint: string): void {
  write(db, 'cursorFingerprint', fingerprint);
}

export function getRelayId(db: LocalDatabase): string | null {
  return read(db, 'relayId');
}
export function setRelayId(db: LocalDatabase, relayId: string): void {
  write(db, 'relayId', relayId);
}

/** relay clock − agent clock, in ms (0 until the first hello). */
export function getServerTimeOffset(db: LocalDatabase): number {
  return readInt(db, 'serverTimeOffset') ?? 0;
}
export function setServerTimeOffset(db: LocalDatabase, offsetMs: number): void {
  write(db, 'serverTimeOffset', String(Math.round(offsetMs)));
}

/** The conversation the agent has open: new messages there do not count as unread. */
export function getOpenConversationId(db: LocalDatabase): string | null {
  return read(db, 'openConversationId');
}
export function setOpenConversationId(db: LocalDatabase, conversationId: string | null): void {
  write(db, 'openConversationId', conversationId);
}

export interface StoredAgent {
  name: string;
  role: 'agent' | 'lead';
  demo: boolean;
}
export function getStoredAgent(db: LocalDatabase): StoredAgent | null {
  const name = read(db, 'agentName');
  const role = read(db, 'agentRole');
  if (name === null || (role !== 'agent' && role !== 'lead')) return null;
  return { name, role, demo: read(db, 'demo') === '1' };
}
export function setStoredAgent(db: LocalDatabase, agent: StoredAgent): void {
  write(db, 'agentName', agent.name);
  write(db, 'agentRole', agent.role);
  write(db, 'demo', agent.demo ? '1' : '0');
}

export function getLastSyncedAt(db: LocalDatabase): number | null {
  return readInt(db, 'lastSyncedAt');
}
export function setLastSyncedAt(db: LocalDatabase, at: number): void {
  write(db, 'lastSyncedAt', String(at));
}

/** The last quota.updated payload (the relay's view of LINE's monthly quota). */
export function getQuota(db: LocalDatabase): QuotaView | null {
  const value = read(db, 'quota');
  if (value === null) return null;
  try {
    const parsed = quotaViewSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
export function setQuota(db: LocalDatabase, quota: QuotaView): void {
  write(db, 'quota', JSON.stringify(quota));
}
