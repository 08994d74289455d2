import type { LocalDatabase } from './database';

/** Forgets everything synced from a relay (its log was replaced); the next sync starts at seq 0. */
export function resetSyncedData(db: LocalDatabase): void {
  db.transaction(() => {
    db.exec(`
      DELETE FROM messages;
      DELETE FROM conversations;
      DELETE FROM outbox;
      DELETE FROM suggestion_rules;
      DELETE FROM tags;
      DELETE FROM friend_tags_confirmed;
      DELETE FROM friend_tags;
      DELETE FROM tag_audit;
      DELETE FROM tag_rejections;
      DELETE FROM meta WHERE key IN ('cursor', 'relayId', 'openConversationId', 'lastSyncedAt');
    `);
  })();
}

/**
 * Forgets what was synced but keeps the replies still waiting in the outbox (with their conversations and
 * optimistic messages), for a resync from seq 0 against the same relay whose log no longer matches ours.
 */
export function resetSyncedDataKeepingOutbox(db: LocalDatabase): void {
  db.transaction(() => {
    db.exec(`
      DELETE FROM messages WHERE id NOT IN (SELECT id FROM outbox);
      DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM outbox);
      DELETE FROM meta WHERE key IN ('cursor', 'cursorFingerprint', 'lastSyncedAt');
    `);
  })();
}
