import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration004MessageSearch } from '../../../src/main/core/store/migrations/004_message_search';
import { migration005Orders } from '../../../src/main/core/store/migrations/005_orders';
import { findMessageByServerId, listMessagesPage } from '../../../src/main/core/store/messages';
import { searchMessages } from '../../../src/main/core/store/search';
import { toMessageView } from '../../../src/main/core/views';

describe('local store migration 005 (orders)', () => {
  it('migrates a populated version-4 store: messages become plain replies, order tables are empty and checked', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration004MessageSearch.version);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '77')`).run();
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', '林先生', 5)`).run();
    db.prepare(
      `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at, delivery, mutation_id)
       VALUES ('r1', 's1', 'line:U1', 'out', 'text', '這件洋裝有現貨', 3, 'sent_free', 'r1')`,
    ).run();
    db.prepare(`INSERT INTO outbox (id, type, payload, conversation_id, created_at, state) VALUES ('q1', 'reply.send', '{}', 'line:U1', 1, 'queued')`).run();

    expect(migrateLocalStore(db, migration005Orders.version)).toBe(5);
    expect(localSchemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '77' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    const old = findMessageByServerId(db, 's1');
    expect(old).toMatchObject({ purpose: 'reply', order_id: null });
    expect(toMessageView(old!)).toMatchObject({ purpose: 'reply', orderId: null, text: '這件洋裝有現貨' });
    // The search index of version 4 still finds the old message.
    expect(searchMessages(db, { query: '洋裝有', limit: 5 }).map((hit) => hit.messageId)).toEqual(['r1']);
    expect(listMessagesPage(db, { conversationId: 'line:U1', limit: 10, before: null }).rows).toHaveLength(1);

    expect(db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 0 });
    expect(() => db.prepare(`UPDATE messages SET purpose = 'advert'`).run()).toThrow(/CHECK/);
    const order = db.prepare(
      `INSERT INTO orders (order_id, conversation_id, friend_id, cart_json, totals_json, status, relay_status, sync, created_at, created_by)
       VALUES (?, 'line:U1', 'U1', '{}', '{}', ?, 'awaiting_payment', ?, 1, 'Amy')`,
    );
    order.run('ord_1', 'awaiting_payment', 'queued');
    expect(() => order.run('ord_2', 'lost', 'queued')).toThrow(/CHECK/);
    expect(() => order.run('ord_3', 'paid', 'maybe')).toThrow(/CHECK/);
    db.prepare(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES ('ord_1', 0, 10, 'scheduled')`).run();
    expect(() => db.prepare(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES ('ord_1', 0, 20, 'scheduled')`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`INSERT INTO catalog VALUES (2, 1, '{}', 'Amy', 1)`).run()).toThrow(/CHECK/);
    db.close();
  });
});
