import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LearnedExampleView } from '../../../shared/ipc/suggestion-learning-contract';
import {
  isPermanentMutationError,
  suggestionFeedbackPayload,
  suggestionLearningAckSchema,
  type RelayEventOf,
  type SuggestionFeedbackPayload,
  type SuggestionReviewPayload,
  type SuggestionVerdict,
} from '../../../shared/protocol';
import type { LearnedExample } from '../../../shared/suggestions';
import type { LocalDatabase } from '../store/database';
import { deleteOutboxItem, insertOutboxItem, type OutboxRow } from '../store/outbox';
import { getStoredAgent } from '../store/meta';

/** Outbox queue of learning mutations: one queue, so a review never overtakes the feedback it is about. */
export const LEARNING_QUEUE = 'suggestion-learning';
const FEEDBACK = 'suggestion.feedback';
const REVIEW = 'suggestion.review';

export function isLearningOutboxRow(row: Pick<OutboxRow, 'type'>): boolean {
  return row.type === FEEDBACK || row.type === REVIEW;
}

/** suggestion.feedback event → a learned example (a replayed event changes nothing). */
export function applyFeedbackEvent(db: LocalDatabase, event: RelayEventOf<'suggestion.feedback'>): void {
  const p = event.payload;
  db.prepare(
    `INSERT OR IGNORE INTO learned_examples (feedback_id, seq, conversation_id, message_id, rule_id, verdict, text, agent_name, occurred_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.feedbackId, event.seq, event.conversationId, p.messageId, p.ruleId, p.verdict, p.text, p.agentName, event.occurredAt);
  // This agent's own queued copy is confirmed now.
  deleteOutboxItem(db, p.feedbackId);
}

export function applyReviewedEvent(db: LocalDatabase, event: RelayEventOf<'suggestion.reviewed'>): void {
  db.prepare('UPDATE learned_examples SET review = ? WHERE feedback_id = ?').run(event.payload.decision, event.payload.feedbackId);
}

interface QueuedFeedback {
  id: string;
  payload: SuggestionFeedbackPayload;
}

function queuedFeedback(db: LocalDatabase): QueuedFeedback[] {
  const rows = db.prepare(`SELECT id, payload FROM outbox WHERE type = ? ORDER BY created_at, rowid`).all(FEEDBACK) as { id: string; payload: string }[];
  return rows.flatMap((row) => {
    const payload = suggestionFeedbackPayload.safeParse(JSON.parse(row.payload));
    return payload.success ? [{ id: row.id, payload: payload.data }] : [];
  });
}

function queuedReviews(db: LocalDatabase): Map<string, boolean> {
  const rows = db.prepare(`SELECT payload FROM outbox WHERE type = ? ORDER BY created_at, rowid`).all(REVIEW) as { payload: string }[];
  const reviews = new Map<string, boolean>();
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as SuggestionReviewPayload;
    reviews.set(payload.feedbackId, payload.keep);
  }
  return reviews;
}

function customerText(db: LocalDatabase, messageId: string): string | null {
  const row = db.prepare(`SELECT text FROM messages WHERE id = ? AND direction = 'in' AND kind = 'text'`).get(messageId) as { text: string } | undefined;
  return row?.text ?? null;
}

/**
 * Everything the engine should learn from, oldest first: the team's confirmed feedback (minus what a
 * lead removed) and this agent's own not yet confirmed, so it works offline at once.
 */
export function learnedForEngine(db: LocalDatabase): LearnedExample[] {
  const pendingReviews = queuedReviews(db);
  const confirmed = (
    db.prepare('SELECT feedback_id, rule_id, verdict, text, review FROM learned_examples ORDER BY seq').all() as {
      feedback_id: string;
      rule_id: string;
      verdict: SuggestionVerdict;
      text: string;
      review: string | null;
    }[]
  )
    .filter((row) => (pendingReviews.has(row.feedback_id) ? pendingReviews.get(row.feedback_id) : row.review !== 'removed'))
    .map((row) => ({ ruleId: row.rule_id, text: row.text, verdict: row.verdict }));
  const own = queuedFeedback(db).flatMap(({ payload }) => {
    const text = customerText(db, payload.messageId);
    return text === null ? [] : [{ ruleId: payload.ruleId, text, verdict: payload.verdict }];
  });
  return [...confirmed, ...own];
}

/** Changes whenever what the engine learns from changes (so the index is rebuilt only then). */
export function learnedStamp(db: LocalDatabase): string {
  const confirmed = db.prepare(`SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS head, SUM(review = 'removed') AS removed FROM learned_examples`).get() as {
    n: number;
    head: number;
    removed: number | null;
  };
  const queued = db.prepare(`SELECT COUNT(*) AS n, COALESCE(MAX(rowid), 0) AS last FROM outbox WHERE type IN (?, ?)`).get(FEEDBACK, REVIEW) as { n: number; last: number };
  return `${confirmed.n}.${confirmed.head}.${confirmed.removed ?? 0}/${queued.n}.${queued.last}`;
}

/** Rules the team (or this agent, still queued) said "not this one" to for this very message. */
export function rejectedRulesFor(db: LocalDatabase, messageId: string): Set<string> {
  const confirmed = db.prepare(`SELECT rule_id FROM learned_examples WHERE message_id = ? AND verdict = 'rejected' AND review IS NOT 'removed'`).all(messageId) as {
    rule_id: string;
  }[];
  const rejected = new Set(confirmed.map((row) => row.rule_id));
  for (const { payload } of queuedFeedback(db)) if (payload.messageId === messageId && payload.verdict === 'rejected') rejected.add(payload.ruleId);
  return rejected;
}

export type LearningResult = { ok: true } | { ok: false; code: string; message: string };

/** Queues a verdict on a suggestion (offline-safe; the mutation id is the feedback id). */
export function enqueueSuggestionFeedback(
  db: LocalDatabase,
  input: { conversationId: string; messageId: string; ruleId: string; verdict: SuggestionVerdict },
  now: () => number,
): LearningResult {
  if (customerText(db, input.messageId) === null) {
    return { ok: false, code: 'UNKNOWN_MESSAGE', message: `No customer text message ${input.messageId} here` };
  }
  const payload: SuggestionFeedbackPayload = { ...input, clientTime: now() };
  insertOutboxItem(db, { id: randomUUID(), type: FEEDBACK, payload, conversationId: LEARNING_QUEUE, createdAt: now() });
  return { ok: true };
}

/** Queues a lead's keep / remove of a learned example (the relay checks the role again). */
export function enqueueLearnedReview(db: LocalDatabase, input: { feedbackId: string; keep: boolean }, now: () => number): LearningResult {
  if (getStoredAgent(db)?.role !== 'lead') return { ok: false, code: 'FORBIDDEN', message: 'Only a team lead may review learned examples' };
  const known = db.prepare('SELECT 1 FROM learned_examples WHERE feedback_id = ?').get(input.feedbackId);
  if (!known) return { ok: false, code: 'UNKNOWN_MESSAGE', message: `No learned example ${input.feedbackId}` };
  const payload: SuggestionReviewPayload = { ...input, clientTime: now() };
  insertOutboxItem(db, { id: randomUUID(), type: REVIEW, payload, conversationId: LEARNING_QUEUE, createdAt: now() });
  return { ok: true };
}

/** Learned examples for the rules editor, newest first, with a lead's queued decision already shown. */
export function learnedExampleViews(db: LocalDatabase): LearnedExampleView[] {
  const pendingReviews = queuedReviews(db);
  const rows = db
    .prepare(
      `SELECT feedback_id, rule_id, verdict, text, agent_name, occurred_at, review FROM learned_examples
       WHERE verdict <> 'rejected' ORDER BY seq DESC LIMIT 2000`,
    )
    .all() as { feedback_id: string; rule_id: string; verdict: 'accepted' | 'edited'; text: string; agent_name: string; occurred_at: number; review: 'kept' | 'removed' | null }[];
  return rows.map((row) => {
    const pending = pendingReviews.get(row.feedback_id);
    return {
      feedbackId: row.feedback_id,
      ruleId: row.rule_id,
      verdict: row.verdict,
      text: row.text,
      agentName: row.agent_name,
      at: row.occurred_at,
      review: pending === undefined ? row.review : pending ? 'kept' : 'removed',
      pending: pending !== undefined,
    };
  });
}

/**
 * The relay answered a queued learning mutation. Accepted or refused for good: the row goes (the event
 * brings the team's copy; a refusal, e.g. a message the relay does not know, teaches nothing).
 */
export function settleLearningAck(db: LocalDatabase, row: OutboxRow, rawAck: unknown): { kind: 'settled'; scopes: string[] } | { kind: 'retry'; error: string } {
  const ack = suggestionLearningAckSchema.safeParse(rawAck);
  if (!ack.success) return { kind: 'retry', error: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
  if (!ack.data.ok && !isPermanentMutationError(ack.data.code)) return { kind: 'retry', error: `${ack.data.code}: ${ack.data.message}` };
  deleteOutboxItem(db, row.id);
  return { kind: 'settled', scopes: ['suggestions', 'learned'] };
}
