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
