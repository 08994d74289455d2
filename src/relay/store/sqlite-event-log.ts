import type Database from 'better-sqlite3';
import { relayEventSchema, type NewRelayEvent, type RelayEvent } from '../../shared/protocol';
import { statement } from './statements';

export interface EventRow {
  seq: number;
  type: string;
  conversation_id: string | null;
  occurred_at: number;
  payload: string;
}

/** Synchronous event-log primitives; callers run them inside their own transaction. */
export function appendEventsSync(db: Database.Database, events: readonly NewRelayEvent[]): RelayEvent[] {
  const insert = statement(
    db,
    'INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES (?, ?, ?, ?)',
  );
  return events.map((event) => {
    const conversationId = 'conversationId' in event ? (event.conversationId ?? null) : null;
    const info = insert.run(event.type, conversationId, event.occurredAt, JSON.stringify(event.payload));
    const stored = { ...event, seq: Number(info.lastInsertRowid) };
    // Validate what we are about to hand to every client: a malformed event must never enter the log.
    return relayEventSchema.parse(stored);
  });
}

export function readEventsSync(db: Database.Database, afterSeq: number, limit: number): RelayEvent[] {
  const rows = statement(db, 'SELECT seq, type, conversation_id, occurred_at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as EventRow[];
  return rows.map(rowToEvent);
}

export function headSeqSync(db: Database.Database): number {
  const row = statement(db, 'SELECT MAX(seq) AS head FROM events').get() as { head: number | null };
  return row.head ?? 0;
}

export function rowToEvent(row: EventRow): RelayEvent {
  const base = { seq: row.seq, type: row.type, occurredAt: row.occurred_at, payload: JSON.parse(row.payload) as unknown };
  const event = row.conversation_id === null ? base : { ...base, conversationId: row.conversation_id };
  return event as RelayEvent;
}
