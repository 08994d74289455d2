import type pg from 'pg';
import type { NewRelayEvent, RelayEvent } from '../../../shared/protocol';
import type { ChannelSettings } from '../sqlite-window-claims';
import { advisoryKey } from './pg-connection';
import { appendBufferedEvents } from './pg-event-log';
import { query } from './pg-query';
import type { MarkScope } from '../workflow-decisions';

/**
 * One PostgreSQL transaction as the store's operations see it (READ COMMITTED; see ADR 0012 for why each
 * operation takes explicit locks instead of running SERIALIZABLE). Events are not written when emitted: they are
 * appended together at the end, under the event log's lock, just before COMMIT (pg-event-log.ts).
 */
export interface PgTx {
  readonly settings: ChannelSettings;
  readonly schema: string;
  rows<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  row<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves with how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Queues events for the log; they get their seq at commit, in the order emitted. */
  emit(events: readonly NewRelayEvent[]): void;
  /** How many events this transaction has emitted so far (their positions in `appended` after commit). */
  emittedCount(): number;
  /**
   * Records a workflow mark (the merge rule's "who changed this field at which seq") at the seq the emitted event
   * at `eventIndex` will get: written by the same statement that appends the events (pg-event-log.ts).
   */
  markAt(eventIndex: number, mark: SeqMark): void;
  /**
   * Transaction-scoped advisory locks on these names, taken in one fixed order (sorted keys), so two operations
   * locking overlapping sets never deadlock. Lock order across an operation: mutation id, tags, conversations,
   * then rows; the event log's lock always comes last (at commit).
   */
  lock(...names: string[]): Promise<void>;
  /** Runs `work` in a savepoint: a failure rolls back its rows and the events it emitted, then rethrows. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

/** A workflow_marks row whose seq is that of an event of the same transaction. */
export interface SeqMark {
  scope: MarkScope;
  subject: string;
  agentName: string | null;
}

/** Lock names (hashed to advisory keys per schema). */
export const LOCKS = {
  conversation: (id: string) => `conversation:${id}`,
  mutation: (id: string) => `mutation:${id}`,
  tags: 'tags',
  /** A customer's notes (keyed by friend id, not by conversation). */
  customerNote: (friendId: string) => `customer-note:${friendId}`,
  /** Round-robin's turn: taken after the conversations' locks, by the inbound transaction that assigns. */
  rotation: 'rotation',
  /** The shop's media storage total: a stored download is counted against it under this lock. */
  mediaStorage: 'media-storage',
  /** A web chat visitor's uploads and those from one address: their rate limits are counted under these. */
  visitorUploads: (visitorId: string) => `webchat-uploads-visitor:${visitorId}`,
  uploadsFromAddress: (address: string) => `webchat-uploads-address:${address}`,
  /** A member profile (group and room writers), so its change is announced once. */
  profile: (channel: string, profileKey: string) => `profile:${channel}:${profileKey}`,
} as const;

/** Transient failures after which the whole transaction is run again (it changed nothing). */
const RETRYABLE = new Set(['40001', '40P01', '55P03']);
const MAX_ATTEMPTS = 5;

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: string }).code ?? '');
}

/**
 * Statements whose answer the operation does not need (BEGIN, locks, savepoints, COMMIT) are sent without waiting
 * (pipelined: the pool's connections run in pipeline mode) and travel with the next one, so a webhook's
 * transaction costs a few round trips instead of a dozen. Such a statement's failure is reported by the next
 * statement that is waited for: it, not the "transaction is aborted" that follows it, is what the caller sees.
 */
class Transaction implements PgTx {
  readonly pending: NewRelayEvent[] = [];
  readonly marks: { eventIndex: number; mark: SeqMark }[] = [];
  private savepoints = 0;
  private pipelineError: unknown = null;

  constructor(
    private readonly client: pg.PoolClient,
    readonly schema: string,
    readonly settings: ChannelSettings,
  ) {}

  /** Sends without waiting for the answer (simple protocol when there are no parameters). */
  send(sql: string, params?: readonly unknown[]): void {
    const sent = params === undefined ? this.client.query(sql) : query(this.client, sql, params);
    sent.catch((error: unknown) => {
      this.pipelineError ??= error;
    });
  }

  /** Waits for a statement's answer; an earlier pipelined failure is thrown instead of what followed from it. */
  async answer<T>(sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    let result: pg.QueryResult<T & pg.QueryResultRow>;
    try {
      result = await query<T>(this.client, sql, params);
    } catch (error) {
      this.throwPipelined();
      throw error;
    }
    this.throwPipelined();
    return result;
  }

  /** Sends COMMIT at once; resolves when it is done (an earlier pipelined failure rejects it). */
  async commit(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } catch (error) {
      this.throwPipelined();
      throw error;
    }
    this.throwPipelined();
  }

  private throwPipelined(): void {
    if (this.pipelineError !== null) throw this.pipelineError;
  }

  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.answer<T>(sql, params)).rows;
  }

  async row<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.answer<T>(sql, params)).rows[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.answer(sql, params)).rowCount ?? 0;
  }

  emit(events: readonly NewRelayEvent[]): void {
    this.pending.push(...events);
  }

  emittedCount(): number {
    return this.pending.length;
  }

  markAt(eventIndex: number, mark: SeqMark): void {
    this.marks.push({ eventIndex, mark });
  }

  async lock(...names: string[]): Promise<void> {
    const keys = [...new Set(names.map((name) => advisoryKey(this.schema, name)))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    if (keys.length === 0) return;
    // The ordered subquery takes the locks in key order; the next statement waits behind it on the server.
    this.send('SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) ordered', [keys]);
  }

  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = `body_${(this.savepoints += 1)}`;
    const emitted = this.pending.length;
    const marked = this.marks.length;
    this.send(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.send(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      // A deadlock or serialization failure ends the whole transaction (it is run again), not just this part.
      if (isRetryable(error)) throw error;
      try {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      } catch {
        // The transaction failed before this savepoint existed: nothing of it can be kept.
        throw error;
      }
      this.pipelineError = null;
      this.pending.length = emitted;
      this.marks.length = marked;
      throw error;
    }
  }
}

export interface CommittedWork<T> {
  result: T;
  /** The events appended by this transaction, with their seqs, in order. */
  appended: RelayEvent[];
}

/**
 * Runs `work` as one transaction: BEGIN, the work, the buffered events appended under the log's lock (with a
 * NOTIFY of the new head, delivered at commit), COMMIT. A deadlock or serialization failure rolls everything back
 * and runs the work again (it must not keep state outside the transaction between attempts).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  context: { schema: string; settings: ChannelSettings; channel: string },
  work: (tx: PgTx) => Promise<T>,
): Promise<CommittedWork<T>> {
  const client = await pool.connect();
  let broken = false;
  try {
    for (let attempt = 1; ; attempt += 1) {
      const tx = new Transaction(client, context.schema, context.settings);
      tx.send('BEGIN');
      try {
        const result = await work(tx);
        const appended = await appendBufferedEvents(tx, { events: tx.pending, marks: tx.marks }, context.channel, () => tx.commit());
        return { result, appended };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (broken || !isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
        // Let the other transaction finish before trying again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  } finally {
    client.release(broken);
  }
}
