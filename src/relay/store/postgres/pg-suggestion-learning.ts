import type { MutationAck } from '../../../shared/protocol';
import {
  suggestionFeedbackEvent,
  suggestionReviewedEvent,
  unknownFeedbackMessage,
  unknownLearnedExample,
} from '../sqlite-suggestion-learning';
import type { SuggestionFeedbackInput, SuggestionReviewInput } from '../suggestion-learning-store-types';
import { getMutation, recordMutation } from './pg-replies';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-suggestion-learning.ts. The mutation id is locked first (a repeat through any relay
 * process gets the stored answer); the same verdict recorded at once under two different ids is kept once by the
 * table's UNIQUE verdict key (ON CONFLICT DO NOTHING waits for the other transaction and then finds its row).
 */
async function customerText(tx: PgTx, conversationId: string, messageId: string): Promise<string | null> {
  const row = await tx.row<{ text: string | null; kind: string | null }>(
    `SELECT payload::jsonb ->> 'text' AS text, payload::jsonb ->> 'kind' AS kind FROM events
     WHERE conversation_id = $1 AND type = 'message.received' AND payload::jsonb ->> 'messageId' = $2 LIMIT 1`,
    [conversationId, messageId],
  );
  return row && row.kind === 'text' ? row.text : null;
}

async function finish(tx: PgTx, input: { mutationId: string; agentName: string; now: number }, type: 'suggestion.feedback' | 'suggestion.review', answer: MutationAck) {
  await recordMutation(tx, { id: input.mutationId, type, agentName: input.agentName, now: input.now, answer });
  return answer;
}

export async function recordSuggestionFeedback(tx: PgTx, input: SuggestionFeedbackInput): Promise<MutationAck> {
  await tx.lock(LOCKS.mutation(input.mutationId));
  const repeat = (await getMutation(tx, input.mutationId))?.answer;
  if (repeat) return repeat;
  const { conversationId, messageId, ruleId, verdict } = input.payload;
  const text = await customerText(tx, conversationId, messageId);
  if (text === null) return finish(tx, input, 'suggestion.feedback', unknownFeedbackMessage(input));
  const clientTime = input.payload.clientTime ?? input.now;
  const inserted = await tx.row<{ id: string }>(
    `INSERT INTO suggestion_feedback (id, conversation_id, message_id, rule_id, verdict, text, agent_name, client_time, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (message_id, rule_id, agent_name, verdict) DO NOTHING RETURNING id`,
    [input.mutationId, conversationId, messageId, ruleId, verdict, text, input.agentName, clientTime, input.now],
  );
  if (!inserted) {
    const earlier = await tx.row<{ id: string }>('SELECT id FROM suggestion_feedback WHERE message_id = $1 AND rule_id = $2 AND agent_name = $3 AND verdict = $4', [
      messageId,
      ruleId,
      input.agentName,
      verdict,
    ]);
    if (!earlier) throw new Error(`suggestion feedback for ${messageId} neither stored nor found`);
    return finish(tx, input, 'suggestion.feedback', { ok: true, feedbackId: earlier.id, changed: false });
  }
  tx.emit([suggestionFeedbackEvent(input, text, clientTime)]);
  return finish(tx, input, 'suggestion.feedback', { ok: true, feedbackId: input.mutationId, changed: true });
}

export async function reviewSuggestionFeedback(tx: PgTx, input: SuggestionReviewInput): Promise<MutationAck> {
  await tx.lock(LOCKS.mutation(input.mutationId));
  const repeat = (await getMutation(tx, input.mutationId))?.answer;
  if (repeat) return repeat;
  const { feedbackId, keep } = input.payload;
  // The row's lock orders two leads reviewing the same example through different relays.
  const row = await tx.row<{ review: string | null }>('SELECT review FROM suggestion_feedback WHERE id = $1 FOR UPDATE', [feedbackId]);
  if (!row) return finish(tx, input, 'suggestion.review', unknownLearnedExample(feedbackId));
  const decision = keep ? 'kept' : 'removed';
  if (row.review === decision) return finish(tx, input, 'suggestion.review', { ok: true, feedbackId, changed: false });
  await tx.run('UPDATE suggestion_feedback SET review = $1, reviewed_by = $2, reviewed_at = $3 WHERE id = $4', [decision, input.agentName, input.now, feedbackId]);
  tx.emit([suggestionReviewedEvent(input, decision)]);
  return finish(tx, input, 'suggestion.review', { ok: true, feedbackId, changed: true });
}
