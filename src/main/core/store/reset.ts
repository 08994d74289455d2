import type { LocalDatabase } from './database';

/**
 * Forgets what was synced but keeps the replies still waiting in the outbox (with their conversations and
 * optimistic messages) and the orders whose order.create is still there (queued, or refused and shown),
 * for a resync from seq 0 against a relay whose log no longer matches ours — the same relay restored from
 * a backup, or another one (`otherRelay`: a new relay id). Nothing unsent is deleted here, ever. The catalog goes
 * too: the relay's (maybe older) version must replace it, or a save would conflict with a version it lost.
 */
export function resetSyncedDataKeepingOutbox(db: LocalDatabase, { otherRelay = false }: { otherRelay?: boolean } = {}): void {
  db.transaction(() => {
    // Another relay's log: its rules versions start again, so ours (maybe higher) would hide its own.
    if (otherRelay) db.exec(`DELETE FROM suggestion_rules; DELETE FROM meta WHERE key IN ('relayId', 'openConversationId');`);
    db.exec(`
      DELETE FROM messages WHERE id NOT IN (SELECT id FROM outbox);
      DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM outbox);
      DELETE FROM orders WHERE order_id NOT IN (SELECT id FROM outbox);
      DELETE FROM order_reminders WHERE order_id NOT IN (SELECT order_id FROM orders);
      DELETE FROM catalog;
      DELETE FROM customer_notes WHERE pending_mutation_id IS NULL;
      DELETE FROM inbox_settings;
      DELETE FROM meta WHERE key IN ('cursor', 'cursorFingerprint', 'lastSyncedAt');
    `);
  })();
}
