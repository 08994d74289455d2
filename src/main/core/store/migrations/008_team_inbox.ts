import type { Migration } from '../migrate';

/** Which conversation a trigger recomputes: NEW or OLD (the row that changed). */
function recompute(row: 'NEW' | 'OLD'): string {
  return `
    UPDATE conversations SET
      waiting_since = (
        SELECT MIN(m.created_at) FROM messages m
        WHERE m.conversation_id = ${row}.conversation_id AND m.direction = 'in' AND m.needs_reply = 1
          AND m.created_at > COALESCE((
            SELECT MAX(r.created_at) FROM messages r
            WHERE r.conversation_id = ${row}.conversation_id AND r.direction = 'out'
              AND r.delivery IN ('queued', 'sending', 'sent_free', 'sent_push') AND r.purpose <> 'payment_reminder' AND r.kind <> 'note'
          ), -1)),
      held_since = (
        SELECT MIN(h.created_at) FROM messages h
        WHERE h.conversation_id = ${row}.conversation_id AND h.direction = 'out' AND h.delivery = 'held'
      )
    WHERE id = ${row}.conversation_id;`;
}

/**
 * Schema version 8 of the local store: the team inbox.
 * - conversations: the relay's status / snooze / assignee (from events), with this app's queued change laid over
 *   each (pending_*: shown at once, offline too, until the relay's event or answer settles it); `waiting_since`
 *   (relay clock) = the first customer message that needs a reply after the last reply that went out or is going
 *   (held replies have not answered), `held_since` = the oldest held reply, both kept by triggers on messages;
 *   `unseen_mentions` = notes mentioning this agent not yet opened.
 * - messages.needs_reply: 1 when a customer message asks, requests or complains (set when stored; NULL for older
 *   rows until the app classifies them at start). Internal notes are messages of kind 'note', workflow lines of
 *   kind 'activity' (neither is ever sent).
 * - customer_notes, team_members, inbox_settings: the team's notes about customers, the team, the settings.
 */
export const migration008TeamInbox: Migration = {
  version: 8,
  name: 'team_inbox',
  up: `
    ALTER TABLE conversations ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'done', 'snoozed'));
    ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;
    ALTER TABLE conversations ADD COLUMN assignee TEXT;
    ALTER TABLE conversations ADD COLUMN pending_status_id TEXT;
    ALTER TABLE conversations ADD COLUMN pending_status TEXT CHECK (pending_status IN ('open', 'pending', 'done', 'snoozed'));
    ALTER TABLE conversations ADD COLUMN pending_snoozed_until INTEGER;
    ALTER TABLE conversations ADD COLUMN pending_assign_id TEXT;
    ALTER TABLE conversations ADD COLUMN pending_assignee TEXT;
    ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
    ALTER TABLE conversations ADD COLUMN held_since INTEGER;
    ALTER TABLE conversations ADD COLUMN unseen_mentions INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN needs_reply INTEGER CHECK (needs_reply IN (0, 1));

    CREATE INDEX conversations_waiting ON conversations (waiting_since, id) WHERE waiting_since IS NOT NULL;
    CREATE INDEX messages_needing_reply ON messages (conversation_id, created_at) WHERE direction = 'in' AND needs_reply = 1;
    CREATE INDEX messages_held_replies ON messages (conversation_id, created_at) WHERE direction = 'out' AND delivery = 'held';
    -- The triggers' MIN/MAX lookups are index seeks, not scans of a long thread.
    CREATE INDEX messages_answers ON messages (conversation_id, created_at)
      WHERE direction = 'out' AND delivery IN ('queued', 'sending', 'sent_free', 'sent_push') AND purpose <> 'payment_reminder' AND kind <> 'note';

    CREATE TRIGGER messages_workflow_insert AFTER INSERT ON messages BEGIN ${recompute('NEW')} END;
    CREATE TRIGGER messages_workflow_update AFTER UPDATE OF delivery, created_at, needs_reply ON messages BEGIN ${recompute('NEW')} END;
    CREATE TRIGGER messages_workflow_delete AFTER DELETE ON messages BEGIN ${recompute('OLD')} END;

    CREATE TABLE customer_notes (
      friend_id TEXT PRIMARY KEY,
      text TEXT NOT NULL DEFAULT '',
      updated_by TEXT,
      updated_at INTEGER,
      pending_mutation_id TEXT,
      pending_text TEXT
    );

    CREATE TABLE team_members (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
      online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1))
    );

    CREATE TABLE inbox_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      settings_json TEXT NOT NULL
    );
  `,
};
