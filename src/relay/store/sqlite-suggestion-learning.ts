import type Database from 'better-sqlite3';
import type { MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import { appendEventsSync } from './sqlite-event-log';
import { statement } from './statements';
import type { SuggestionFeedbackInput, SuggestionReviewInput } from './suggestion-learning-store-types';

type Outcome = { answer: MutationAck; appended: RelayEvent[] };

function storedAnswer(db: Database.Database, mutationId: string): MutationAck | null {
  const row = statement(db, 'SELECT answer_json FROM mutations WHERE id = ?').get(mutationId) as { answer_json: string | null } | undefined;
  return row?.answer_json ? (JSON.parse(row.answer_json) as MutationAck) : null;
}

function finish(db: Database.Database, input: { mutationId: string; agentName: string; now: number }, type: string, outcome: Outcome): Outcome {
  statement(db, `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES (?, ?, ?, 'done', ?, ?, ?)`).run(
    input.mutationId,
    type,
    input.agentName,
    JSON.stringify(outcome.answer),
    input.now,
    input.now,
  );
  return outcome;
}

export function unknownFeedbackMessage(input: SuggestionFeedbackInput): MutationAck {
  const { conversationId, messageId } = input.payload;
  return { ok: false, code: 'UNKNOWN_MESSAGE', message: `No customer text message ${messageId} in conversation ${conversationId}` };
}

export function unknownLearnedExample(feedbackId: string): MutationAck {
  return { ok: false, code: 'UNKNOWN_MESSAGE', message: `No learned example ${feedbackId}` };
}

/** The verdict as every agent's suggestions learn it; `text` is the customer's words from the relay's own log. */
export function suggestionFeedbackEvent(input: SuggestionFeedbackInput, text: string, clientTime: number): NewRelayEvent {
  const { conversationId, messageId, ruleId, verdict } = input.payload;
  return {
    type: 'suggestion.feedback',
    conversationId,
    occurredAt: input.now,
    payload: { feedbackId: input.mutationId, messageId, ruleId, verdict, text, agentName: input.agentName, clientTime },
  };
}

export function suggestionReviewedEvent(input: SuggestionReviewInput, decision: 'kept' | 'removed'): NewRelayEvent {
  return { type: 'suggestion.reviewed', occurredAt: input.now, payload: { feedbackId: input.payload.feedbackId, decision, agentName: input.agentName } };
}

/** The customer's text of a message the relay received in that conversation, or null. */
function customerText(db: Database.Database, conversationId: string, messageId: string): string | null {
  const row = statement(
    db,
    `SELECT json_extract(payload, '$.text') AS text, json_extract(payload, '$.kind') AS kind FROM events
     WHERE conversation_id = ? AND type = 'message.received' AND json_extract(payload, '$.messageId') = ? LIMIT 1`,
  ).get(conversationId, messageId) as { text: string; kind: string } | undefined;
  return row && row.kind === 'text' ? row.text : null;
}

/**
 * suggestion.feedback in the caller's transaction: a repeated mutation id returns its stored answer; the
 * same verdict by the same agent on the same message and rule is answered `changed: false` without a
 * second event; otherwise the row, the `suggestion.feedback` event and the answer are written together.
 */
export function recordSuggestionFeedbackSync(db: Database.Database, input: SuggestionFeedbackInput): Outcome {
  const repeat = storedAnswer(db, input.mutationId);
  if (repeat) return { answer: repeat, appended: [] };
  const { conversationId, messageId, ruleId, verdict } = input.payload;
  const text = customerText(db, conversationId, messageId);
  if (text === null) return finish(db, input, 'suggestion.feedback', { answer: unknownFeedbackMessage(input), appended: [] });
  const earlier = statement(db, 'SELECT id FROM suggestion_feedback WHERE message_id = ? AND rule_id = ? AND agent_name = ? AND verdict = ?').get(
    messageId,
    ruleId,
    input.agentName,
    verdict,
  ) as { id: string } | undefined;
  if (earlier) return finish(db, input, 'suggestion.feedback', { answer: { ok: true, feedbackId: earlier.id, changed: false }, appended: [] });
  const clientTime = input.payload.clientTime ?? input.now;
  statement(
    db,
    `INSERT INTO suggestion_feedback (id, conversation_id, message_id, rule_id, verdict, text, agent_name, client_time, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.mutationId, conversationId, messageId, ruleId, verdict, text, input.agentName, clientTime, input.now);
  const appended = appendEventsSync(db, [suggestionFeedbackEvent(input, text, clientTime)]);
  return finish(db, input, 'suggestion.feedback', { answer: { ok: true, feedbackId: input.mutationId, changed: true }, appended });
}

/** suggestion.review (leads): keeps or removes a learned example; the same decision again changes nothing. */
export function reviewSuggestionFeedbackSync(db: Database.Database, input: SuggestionReviewInput): Outcome {
  const repeat = storedAnswer(db, input.mutationId);
  if (repeat) return { answer: repeat, appended: [] };
  const { feedbackId, keep } = input.payload;
  const row = statement(db, 'SELECT review FROM suggestion_feedback WHERE id = ?').get(feedbackId) as { review: string | null } | undefined;
  if (!row) return finish(db, input, 'suggestion.review', { answer: unknownLearnedExample(feedbackId), appended: [] });
  const decision = keep ? 'kept' : 'removed';
  if (row.review === decision) return finish(db, input, 'suggestion.review', { answer: { ok: true, feedbackId, changed: false }, appended: [] });
  statement(db, 'UPDATE suggestion_feedback SET review = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(decision, input.agentName, input.now, feedbackId);
  const appended = appendEventsSync(db, [suggestionReviewedEvent(input, decision)]);
  return finish(db, input, 'suggestion.review', { answer: { ok: true, feedbackId, changed: true }, appended });
}
