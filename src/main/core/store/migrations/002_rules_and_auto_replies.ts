import type { Migration } from '../migrate';

/**
 * Schema version 2 of the local store: the newest reply-suggestion rules synced from the relay (so
 * suggestions work offline), and which sent messages were the relay's automatic replies.
 */
export const migration002RulesAndAutoReplies: Migration = {
  version: 2,
  name: 'rules-and-auto-replies',
  up: `
    -- Only the newest version is kept: a single row.
    CREATE TABLE suggestion_rules (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      rules_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    ALTER TABLE messages ADD COLUMN auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1));
  `,
};
