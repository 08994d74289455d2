import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration006UnconfirmedSends } from '../../../src/relay/store/migrations/006_unconfirmed_sends';
import { migration007Orders } from '../../../src/relay/store/migrations/007_orders';

describe('relay migration 007 (orders, reminders, payments, catalog; outbound kind and order id)', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-migration-'));
    db = new Database(join(dir, 'relay.sqlite'));
    db.pragma('foreign_keys = ON');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const explain = (sql: string, ...values: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((row) => row.detail).join(' ');

  it('migrates a v6 store with replies in it, keeping every column and index', () => {
    migrate(db, migration006UnconfirmedSends.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', 'A', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, created_at, updated_at,
         kind, push_consent, retry_key, push_attempts)
       VALUES (?, ?, 'line:U1', ?, 'Amy', ?, ?, 1, ?, ?, ?, ?, ?)`,
    );
    insert.run('m1', 'u1', '你好', 'held', 'no_fresh_token', 5, 'agent_reply', 0, null, 0);
    insert.run('m2', 'u2', '請付款', 'sent_push', null, 6, 'payment_reminder', 1, '3f0c1a9e-0000-4000-8000-000000000001', 2);
    db.prepare(`INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES ('u1', 'reply.send', 'Amy', 'done', '{}', 1, 1)`).run();
    const before = db.prepare('SELECT * FROM outbound_messages ORDER BY message_id').all();

    expect(migrate(db, migration007Orders.version)).toBe(7);
    expect(schemaVersion(db)).toBe(7);
    const after = db.prepare('SELECT * FROM outbound_messages ORDER BY message_id').all() as Record<string, unknown>[];
    expect(after).toEqual((before as Record<string, unknown>[]).map((row) => ({ ...row, order_id: null })));
    expect(db.prepare('SELECT COUNT(*) AS n FROM mutations').get()).toEqual({ n: 1 });

    // The new kind is accepted, unknown kinds still are not.
    db.prepare(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, created_at, updated_at, kind, order_id)
       VALUES ('m3', 'ord_1', 'line:U1', '訂單', 'Amy', 'held', 7, 7, 'order_summary', 'ord_1')`,
    ).run();
    expect(() =>
      db.prepare(
        `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, created_at, updated_at, kind)
         VALUES ('m4', 'x', 'line:U1', 't', 'Amy', 'held', 7, 7, 'coupon')`,
      ).run(),
    ).toThrow(/CHECK/);

    expect(explain(`SELECT 1 FROM outbound_messages WHERE delivery = 'sending' AND updated_at < ? LIMIT 1`, 10)).toContain('outbound_messages_sending');
    expect(explain(`SELECT 1 FROM outbound_messages WHERE conversation_id = ? AND delivery = 'held' ORDER BY created_at`, 'line:U1')).toContain(
      'outbound_messages_held',
    );
    expect(explain(`SELECT 1 FROM order_reminders WHERE state = 'pending' AND due_at <= ? LIMIT 1`, 10)).toContain('order_reminders_due');
  });

  it('keeps order numbers unique and each reminder once per (order, index)', () => {
    migrate(db);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', 'A', 1, 1)`).run();
    const order = db.prepare(
      `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, total, status, agent_name, client_time,
         created_at, status_changed_at) VALUES (?, ?, 'line:U1', 'U1', '{}', '{}', 100, 'awaiting_payment', 'Amy', 1, 1, 1)`,
    );
    order.run('ord_1', 'SO2611230001');
    expect(() => order.run('ord_2', 'SO2611230001')).toThrow(/UNIQUE/);
    const reminder = db.prepare(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES ('ord_1', ?, 10, 'pending')`);
    reminder.run(0);
    expect(() => reminder.run(0)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`INSERT INTO order_reminders (order_id, idx, due_at, state) VALUES ('ord_missing', 0, 1, 'pending')`).run()).toThrow(/FOREIGN KEY/);
  });
});
