import type pg from 'pg';
import { relayEventSchema, type NewRelayEvent, type RelayEvent } from '../../../shared/protocol';
import { rowToEvent, type EventRow } from '../sqlite-event-log';
import { query } from './pg-query';
import type { PgTx, SeqMark } from './pg-transaction';

/**
 * The event log on PostgreSQL. Seqs are handed out from the single `event_log_head` row in the appending
 * transaction, as its last statement before COMMIT: the row lock is held until the commit, so transactions
 * commit their events in seq order and a reader that sees seq N already sees every seq below it — a client
 * never skips an event that commits later with a lower seq (ADR 0013). The same statement NOTIFYs the new head
 * to every relay process (delivered only if the transaction commits).
 */
const APPEND_SQL = `
  WITH head AS (
    UPDATE event_log_head SET seq = seq + $1 WHERE id = 1 RETURNING seq - $1 AS base
  ), inserted AS (
    INSERT INTO events (seq, type, conversation_id, occurred_at, payload)
    SELECT head.base + e.n, e.type, e.conversation_id, e.occurred_at, e.payload
    FROM head, unnest($2::text[], $3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS e(type, conversation_id, occurred_at, payload, n)
    RETURNING seq
  )
  SELECT last, pg_notify($6, last::text) FROM (SELECT MAX(seq) AS last FROM inserted) AS appended`;

/**
 * The same, with the transaction's workflow marks (the merge rule's record of who changed a field at which seq)
 * written at the seqs of the events they belong to: known only here, still in one round trip.
 */
const APPEND_WITH_MARKS_SQL = APPEND_SQL.replace(
  '  SELECT last,',
  `, marked AS (
    INSERT INTO workflow_marks (scope, subject, seq, agent_name)
    SELECT m.scope, m.subject, head.base + m.event_index + 1, m.agent_name
    FROM head, unnest($7::text[], $8::text[], $9::bigint[], $10::text[]) AS m(scope, subject, event_index, agent_name)
  )
  SELECT last,`,
);

/** What a transaction appends at its end: its events and the marks that name their seqs. */
export interface BufferedAppend {
  events: readonly NewRelayEvent[];
  marks: readonly { eventIndex: number; mark: SeqMark }[];
}

/**
 * Appends the transaction's events as its last statement and sends COMMIT (`commit`) right behind it, without
 * waiting in between: the head row's lock is held for one round trip. Nothing is appended after a failure.
 */
export async function appendBufferedEvents(tx: PgTx, buffered: BufferedAppend, channel: string, commit: () => Promise<void>): Promise<RelayEvent[]> {
  const { events, marks } = buffered;
  if (events.length === 0) {
    await commit();
    return [];
  }
  // Validate what every client will receive before anything is sent: a malformed event must never enter the log.
  const valid = events.map((event) => relayEventSchema.parse({ ...event, seq: 1 }));
  const conversationIds = events.map((event) => ('conversationId' in event ? (event.conversationId ?? null) : null));
  const params: unknown[] = [
    events.length,
    events.map((event) => event.type),
    conversationIds,
    events.map((event) => event.occurredAt),
    events.map((event) => JSON.stringify(event.payload)),
    channel,
  ];
  if (marks.some(({ eventIndex }) => eventIndex < 0 || eventIndex >= events.length)) throw new Error('a workflow mark names an event this transaction did not emit');
  const appending =
    marks.length === 0
      ? tx.row<{ last: number }>(APPEND_SQL, params)
      : tx.row<{ last: number }>(APPEND_WITH_MARKS_SQL, [
          ...params,
          marks.map(({ mark }) => mark.scope),
          marks.map(({ mark }) => mark.subject),
          marks.map(({ eventIndex }) => eventIndex),
          marks.map(({ mark }) => mark.agentName),
        ]);
  const [appended, committed] = await Promise.allSettled([appending, commit()]);
  if (appended.status === 'rejected') throw appended.reason;
  if (committed.status === 'rejected') throw committed.reason;
  if (!appended.value) throw new Error('the event log head row is missing');
  const first = appended.value.last - events.length + 1;
  return valid.map((event, index) => ({ ...event, seq: first + index }));
}

export async function readEvents(pool: pg.Pool, afterSeq: number, limit: number): Promise<RelayEvent[]> {
  const result = await query<EventRow>(
    pool,
    'SELECT seq, type, conversation_id, occurred_at, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [afterSeq, limit],
  );
  return result.rows.map(rowToEvent);
}

/** The newest committed seq (the head row moves only with commits that appended). */
export async function headSeq(client: pg.Pool | pg.ClientBase): Promise<number> {
  const result = await query<{ seq: number }>(client, 'SELECT seq FROM event_log_head WHERE id = 1');
  return result.rows[0]?.seq ?? 0;
}
