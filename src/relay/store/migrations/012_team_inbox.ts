import type { Migration } from '../migrate';

/**
 * Schema version 12: the team inbox.
 * - conversation_workflow: each conversation's status (open / pending / done / snoozed until) and assignee. A
 *   missing row means open and unassigned.
 * - workflow_marks: who changed a conversation's status or assignment (or a customer's notes) at which event seq,
 *   and which customer messages reopened work (agent_name NULL). The merge rule reads it: a change is not applied
 *   over a newer change by someone else that its author had not seen (seq > the author's seenSeq).
 * - customer_notes: the team's free-text notes about a customer (by friend id).
 * - settings_versions: the inbox settings document (held-reply alert, auto-assignment), versioned like rules.
 * - agent_sessions: agents connected now, one row per socket on any relay process (renewed while connected,
 *   expiring after a crash), for round-robin among online agents.
 * - assignment_rotation: whom round-robin gave a conversation to last (one row).
 * - team_roster: the members last announced with team.updated (so a change is announced once).
 */
export const migration012TeamInbox: Migration = {
  version: 12,
  name: 'team_inbox',
  up: `
    CREATE TABLE conversation_workflow (
      conversation_id TEXT PRIMARY KEY REFERENCES conversations (id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'done', 'snoozed')),
      snoozed_until INTEGER,
      assignee TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX conversation_workflow_assignee ON conversation_workflow (assignee);

    CREATE TABLE workflow_marks (
      scope TEXT NOT NULL CHECK (scope IN ('status', 'assignment', 'customer_note')),
      subject TEXT NOT NULL,
      seq INTEGER NOT NULL,
      agent_name TEXT
    );
    CREATE INDEX workflow_marks_by_subject ON workflow_marks (scope, subject, seq);

    CREATE TABLE customer_notes (
      friend_id TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE settings_versions (
      version INTEGER PRIMARY KEY,
      settings_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE agent_sessions (
      session_id TEXT PRIMARY KEY,
      agent_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
      seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
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
