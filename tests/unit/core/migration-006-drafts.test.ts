import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localSchemaVersion, migrateLocalStore } from '../../../src/main/core/store/migrate';
import { migration005Orders } from '../../../src/main/core/store/migrations/005_orders';
import { migration006Drafts } from '../../../src/main/core/store/migrations/006_drafts';
import { getDraft, saveDraft } from '../../../src/main/core/store/drafts';

describe('local store migration 006 (composer drafts)', () => {
  it('migrates a populated version-5 store: its data stays, drafts start empty and reject empty text', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db, migration005Orders.version);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '41')`).run();
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', '林先生', 5)`).run();
    db.prepare(`INSERT INTO outbox (id, type, payload, conversation_id, created_at, state) VALUES ('q1', 'reply.send', '{}', 'line:U1', 1, 'queued')`).run();
    db.prepare(
      `INSERT INTO orders (order_id, conversation_id, friend_id, cart_json, totals_json, status, relay_status, sync, created_at, created_by)
       VALUES ('ord_1', 'line:U1', 'U1', '{}', '{}', 'awaiting_payment', 'awaiting_payment', 'queued', 1, 'Amy')`,
    ).run();

    expect(migrateLocalStore(db, migration006Drafts.version)).toBe(6);
    expect(localSchemaVersion(db)).toBe(6);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: '41' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });

    expect(getDraft(db, 'line:U1')).toEqual({ text: '', updatedAt: null });
    saveDraft(db, 'line:U1', '您好，這件洋裝', 10);
    saveDraft(db, 'line:U1', '您好，這件洋裝還有 M 號', 12);
    expect(getDraft(db, 'line:U1')).toEqual({ text: '您好，這件洋裝還有 M 號', updatedAt: 12 });
    saveDraft(db, 'line:U1', '   ', 13);
    expect(getDraft(db, 'line:U1')).toEqual({ text: '', updatedAt: null });
    expect(() => db.prepare(`INSERT INTO drafts VALUES ('line:U2', '', 1)`).run()).toThrow(/CHECK/);
    db.close();
  });
});
