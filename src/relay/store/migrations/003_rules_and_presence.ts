import type { Migration } from '../migrate';

/**
 * Schema version 3: the shop's reply-suggestion rules (every saved version of the whole file, so a save
 * can be checked against the version the agent started from) and agents' typing presence, which decides
 * whether the relay may auto-reply. Both live here, not in memory, so two relay processes agree.
 */
export const migration003RulesAndPresence: Migration = {
  version: 3,
  name: 'rules-and-presence',
  up: `
    CREATE TABLE rules_versions (
      version INTEGER PRIMARY KEY,
      rules_json TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- One row per agent token: where that agent is typing, until expires_at (relay clock).
    CREATE TABLE agent_presence (
      token_hash TEXT PRIMARY KEY,
      agent_name TEXT NOT NULL,
      conversation_id TEXT,
      typing INTEGER NOT NULL CHECK (typing IN (0, 1)),
      updated_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX agent_presence_typing ON agent_presence (conversation_id, expires_at) WHERE typing = 1;
  `,
};
