import type { Migration } from '../migrate';

/**
 * Schema version 14: what agents taught the reply suggestions. One row per `suggestion.feedback` mutation
 * (its id): an agent sent a rule's reply (as is or edited) for a customer message, or said "not this
 * one". The customer's text is copied from the relay's own log. One verdict per agent, message, rule and
 * verdict kind (a repeat is no new evidence). `review`: NULL until a lead keeps or removes the example.
 */
export const migration014SuggestionFeedback: Migration = {
  version: 14,
  name: 'suggestion_feedback',
  up: `
    CREATE TABLE suggestion_feedback (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'edited', 'rejected')),
      text TEXT NOT NULL,
      agent_name TEXT NOT NULL,
      client_time INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      review TEXT CHECK (review IN ('kept', 'removed')),
      reviewed_by TEXT,
      reviewed_at INTEGER,
      UNIQUE (message_id, rule_id, agent_name, verdict)
    );
    CREATE INDEX suggestion_feedback_rule ON suggestion_feedback (rule_id, created_at);
  `,
};
