import { z } from 'zod';
import {
  isPermanentMutationError,
  markReadAckSchema,
  replySendAckSchema,
  mutationSchema,
  type Mutation,
} from '../../../shared/protocol/mutations';
import type { LocalDatabase } from '../store/database';
import { updateOutgoingDelivery } from '../store/messages';
import {
  deleteOutboxItem,
  failOutboxItem,
  getOutboxItem,
  listOutboxHeads,
  MARK_READ_MUTATION,
  markOutboxSending,
  requeueOutboxItem,
  type OutboxRow,
} from '../store/outbox';
import { OUTBOX_BACKOFF, backoffDelayMs, type BackoffPolicy } from '../backoff';
import type { CoreLog } from '../log';
import { errorMessage } from '../sync/apply-events';
import { isTagOutboxRow, settleTagAck } from '../tags/tag-outbox';
import { isOrderOutboxRow, rejectOrderMutation, settleOrderAck } from '../orders/order-outbox';
import { isLearningOutboxRow, settleLearningAck } from '../suggestions/learned-examples';
import { parseJsonOrNull } from '../json';
import { isWorkflowOutboxRow, settleWorkflowAck } from '../workflow/workflow-outbox';

type AckSettler = (db: LocalDatabase, row: OutboxRow, rawAck: unknown, now: number) => { kind: 'settled'; scopes: string[] } | { kind: 'retry'; error: string };

/** Tags, orders and team-inbox changes settle their own answers; replies and read receipts are handled here. */
function settlerFor(row: OutboxRow): AckSettler | null {
  if (isTagOutboxRow(row)) return settleTagAck;
  if (isOrderOutboxRow(row)) return settleOrderAck;
  if (isWorkflowOutboxRow(row)) return settleWorkflowAck;
  if (isLearningOutboxRow(row)) return settleLearningAck;
  return null;
}

export interface OutboxFlusherOptions {
  db: () => LocalDatabase;
  /** Resolves with the relay's raw ack; rejects when the relay cannot be reached or does not answer. */
  send: (mutation: Mutation) => Promise<unknown>;
  isOnline: () => boolean;
  now: () => number;
  log: CoreLog;
  onChange: (scopes: string[]) => void;
  /**
   * A store error while sending (e.g. a SqliteError from a damaged store). Caught here — the flusher runs
   * from timers and socket answers, where a throw would crash the app — logged and passed on.
   */
  onFault?: (error: unknown) => void;
  random?: () => number;
  backoff?: BackoffPolicy;
  /**
   * Work a mutation needs done first (a photo or file uploaded before its reply.sendContent): a transient failure
   * retries the row later, a permanent one fails it with the message.
   */
  beforeSend?: (mutation: Mutation) => Promise<{ ok: true } | { ok: false; permanent: boolean; message: string }>;
}

/**
 * Sends outbox rows to the relay one at a time, oldest first, each conversation's replies in order.
 * Every retry reuses the row's id, so the relay applies a reply once however often it is sent.
 */
export class OutboxFlusher {
  private running = false;
  private rerun = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: OutboxFlusherOptions) {}

  /** Something changed (new reply, back online, a timer fired): send whatever is due. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch((error: unknown) => this.reportFault(error))
      .finally(() => {
        this.running = false;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  private reportFault(error: unknown): void {
    this.options.log.error(`The outbox stopped sending: ${errorMessage(error)}`);
    try {
      this.options.onFault?.(error);
    } catch (again) {
      this.options.log.error(`Could not handle the outbox fault: ${errorMessage(again)}`);
    }
  }

  /** Resolves once nothing is being sent (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped || !this.options.isOnline()) return;
      const heads = listOutboxHeads(this.options.db());
      const now = this.options.now();
      const due = heads.find((row) => row.next_attempt_at <= now);
      if (!due) {
        this.scheduleNext(heads);
        return;
      }
      await this.sendOne(due);
    }
  }

  private scheduleNext(heads: OutboxRow[]): void {
    this.clearTimer();
    if (heads.length === 0) return;
    const soonest = Math.min(...heads.map((row) => row.next_attempt_at));
    const delay = Math.max(0, soonest - this.options.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const db = this.options.db();
    const mutation = mutationSchema.safeParse({ id: row.id, type: row.type, payload: parseJsonOrNull(row.payload) });
    if (!mutation.success) {
      this.fail(row, `This reply cannot be sent: ${z.prettifyError(mutation.error)}`);
      return;
    }
    db.transaction(() => {
      markOutboxSending(db, row.id);
      updateOutgoingDelivery(db, row.id, { delivery: 'sending', reason: null });
    })();
    this.changed(row);

    if (this.options.beforeSend) {
      const prepared = await this.options.beforeSend(mutation.data).catch((error: unknown) => ({ ok: false as const, permanent: false, message: errorMessage(error) }));
      if (this.stopped) return;
      if (!prepared.ok) {
        if (prepared.permanent) this.fail(row, prepared.message);
        else this.retryLater(row.id, prepared.message);
        return;
      }
    }
    let rawAck: unknown;
    try {
      rawAck = await this.options.send(mutation.data);
    } catch (error) {
      // Stopped mid-flight: the row stays 'sending' and goes back to 'queued' at the next start.
      if (!this.stopped) this.retryLater(row.id, errorMessage(error));
      return;
    }
    if (this.stopped) return;
    const settle = settlerFor(row);
    if (settle) {
      const outcome = settle(this.options.db(), row, rawAck, this.options.now());
      if (outcome.kind === 'retry') this.retryLater(row.id, outcome.error);
      else this.options.onChange(outcome.scopes);
      return;
    }
    if (row.type === MARK_READ_MUTATION) {
      this.settleMarkRead(row, rawAck);
      return;
    }
    const ack = replySendAckSchema.safeParse(rawAck);
    if (!ack.success) {
      this.retryLater(row.id, `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}`);
      return;
    }
    if (ack.data.ok) {
      const { messageId, delivery, reason } = ack.data;
      const current = this.options.db();
      current.transaction(() => {
        deleteOutboxItem(current, row.id);
        updateOutgoingDelivery(current, row.id, { serverId: messageId, delivery, reason });
      })();
      this.changed(row);
      return;
    }
    if (isPermanentMutationError(ack.data.code)) {
      this.fail(row, ack.data.message);
    } else {
      this.retryLater(row.id, `${ack.data.code}: ${ack.data.message}`);
    }
  }

  /** A read receipt is done once the relay answered for good; a refusal is logged, never shown as an error. */
  private settleMarkRead(row: OutboxRow, rawAck: unknown): void {
    const ack = markReadAckSchema.safeParse(rawAck);
    if (!ack.success) {
      this.retryLater(row.id, `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}`);
      return;
    }
    if (!ack.data.ok && !isPermanentMutationError(ack.data.code)) {
      this.retryLater(row.id, `${ack.data.code}: ${ack.data.message}`);
      return;
    }
    if (!ack.data.ok) this.options.log.warn(`Conversation ${row.conversation_id} not marked read: ${ack.data.message}`);
    deleteOutboxItem(this.options.db(), row.id);
  }

  private retryLater(id: string, error: string): void {
    const db = this.options.db();
    const row = getOutboxItem(db, id);
    if (!row) return; // already settled by a message.sent event
    const delay = backoffDelayMs(this.options.backoff ?? OUTBOX_BACKOFF, Math.max(1, row.attempts), this.options.random);
    db.transaction(() => {
      requeueOutboxItem(db, id, error, this.options.now() + delay);
      updateOutgoingDelivery(db, id, { delivery: 'queued', reason: null });
    })();
    this.options.log.warn(`Reply ${id} will be retried in ${delay} ms: ${error}`);
    this.changed(row);
  }

  private fail(row: OutboxRow, message: string): void {
    const db = this.options.db();
    db.transaction(() => {
      if (isOrderOutboxRow(row)) {
        rejectOrderMutation(db, row, message);
        return;
      }
      failOutboxItem(db, row.id, message);
      updateOutgoingDelivery(db, row.id, { delivery: 'failed', reason: message });
    })();
    this.options.log.warn(`Reply ${row.id} failed: ${message}`);
    this.changed(row);
  }

  private changed(row: OutboxRow): void {
    const orders = isOrderOutboxRow(row) ? ['orders', `orders:${row.conversation_id}`] : [];
    this.options.onChange(['sync', `conversation:${row.conversation_id}`, ...orders]);
  }
}
