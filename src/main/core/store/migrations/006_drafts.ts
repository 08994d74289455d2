import type { Migration } from '../migrate';

/**
 * Schema version 6 of the local store: the composer's unsent draft per conversation, so a draft typed
 * offline (or before a restart) is still there when the agent comes back. One row per conversation with
 * text; an empty draft is a missing row. Not tied to the conversations table: a resync may forget a
 * conversation for a while, and its draft should be there again when it comes back.
 */
export const migration006Drafts: Migration = {
  version: 6,
  name: 'drafts',
  up: `
    CREATE TABLE drafts (
      conversation_id TEXT PRIMARY KEY,
      text TEXT NOT NULL CHECK (length(text) > 0),
      updated_at INTEGER NOT NULL
    );
  `,
};
