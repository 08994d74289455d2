import type { PgMigration } from '../pg-migrate';

/**
 * PostgreSQL schema version 5: what agents taught the reply suggestions, as the SQLite store's version 14 holds it
 * (see ../../migrations/014_suggestion_feedback.ts). The UNIQUE verdict key is what keeps one agent's same verdict
 * on the same message and rule a single row when two relay processes record it at once (ON CONFLICT DO NOTHING).
 */
export const pgMigration005SuggestionFeedback: PgMigration = {
  version: 5,
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
      client_time BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      review TEXT CHECK (review IN ('kept', 'removed')),
      reviewed_by TEXT,
      reviewed_at BIGINT,
      UNIQUE (message_id, rule_id, agent_name, verdict)
    );
    CREATE INDEX suggestion_feedback_rule ON suggestion_feedback (rule_id, created_at);
  `,
};
