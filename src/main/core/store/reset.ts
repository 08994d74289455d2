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
      DELETE FROM catalog;
      DELETE FROM orders;
      DELETE FROM order_reminders;
      DELETE FROM meta WHERE key IN ('cursor', 'relayId', 'openConversationId', 'lastSyncedAt');
    `);
  })();
}

/**
 * Forgets what was synced but keeps the replies still waiting in the outbox (with their conversations and
 * optimistic messages) and the orders whose order.create is still there (queued, or refused and shown),
 * for a resync from seq 0 against the same relay whose log no longer matches ours. The catalog goes
 * too: the relay's (maybe older) version must replace it, or a save would conflict with a version it lost.
 */
export function resetSyncedDataKeepingOutbox(db: LocalDatabase): void {
  db.transaction(() => {
    db.exec(`
      DELETE FROM messages WHERE id NOT IN (SELECT id FROM outbox);
      DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM outbox);
      DELETE FROM orders WHERE order_id NOT IN (SELECT id FROM outbox);
      DELETE FROM order_reminders WHERE order_id NOT IN (SELECT order_id FROM orders);
      DELETE FROM catalog;
      DELETE FROM meta WHERE key IN ('cursor', 'cursorFingerprint', 'lastSyncedAt');
    `);
  })();
}
