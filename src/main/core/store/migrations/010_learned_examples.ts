import type { Migration } from '../migrate';

/**
 * Schema version 10 of the local store: what the team taught the reply suggestions, from the relay's
 * `suggestion.feedback` / `suggestion.reviewed` events. One row per feedback (its mutation id): a customer
 * message answered with a rule (accepted / edited) or a "not this one" (rejected). `review` is NULL until
 * a lead keeps or removes the example; removed ones teach nothing. This agent's own feedback not yet
 * confirmed lives in the outbox until the event arrives.
 */
export const migration010LearnedExamples: Migration = {
  version: 10,
  name: 'learned_examples',
  up: `
    CREATE TABLE learned_examples (
      feedback_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      conversation_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'edited', 'rejected')),
      text TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      occurred_at INTEGER NOT NULL,
      review TEXT CHECK (review IN ('kept', 'removed'))
    );
    CREATE INDEX learned_examples_by_message ON learned_examples (message_id);
  `,
};
