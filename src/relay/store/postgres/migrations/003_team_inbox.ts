import type { PgMigration } from '../pg-migrate';

/**
 * PostgreSQL schema version 3: the team inbox, as the SQLite store's version 12 holds it (same tables and columns;
 * see ../../migrations/012_team_inbox.ts for what each means). On PostgreSQL, workflow_marks rows are written by
 * the statement that appends their events (their seqs are known only then, pg-event-log.ts).
 */
export const pgMigration003TeamInbox: PgMigration = {
  version: 3,
  name: 'team_inbox',
  up: `
    CREATE TABLE conversation_workflow (
      conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'done', 'snoozed')),
      snoozed_until BIGINT,
      assignee TEXT,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX conversation_workflow_assignee ON conversation_workflow (assignee);

    CREATE TABLE workflow_marks (
      scope TEXT NOT NULL CHECK (scope IN ('status', 'assignment', 'customer_note')),
      subject TEXT NOT NULL,
      seq BIGINT NOT NULL,
      agent_name TEXT
    );
    CREATE INDEX workflow_marks_by_subject ON workflow_marks (scope, subject, seq);

    CREATE TABLE customer_notes (
      friend_id TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE settings_versions (
      version INTEGER PRIMARY KEY,
      settings_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE agent_sessions (
      session_id TEXT PRIMARY KEY,
      agent_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
      seen_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
    CREATE INDEX agent_sessions_live ON agent_sessions (expires_at);

    CREATE TABLE assignment_rotation (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_agent TEXT NOT NULL
    );

    CREATE TABLE team_roster (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      roster_json TEXT NOT NULL
    );
  `,
};
