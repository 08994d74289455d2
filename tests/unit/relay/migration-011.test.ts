import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration011WebchatVisitors } from '../../../src/relay/store/migrations/011_webchat_visitors';


describe('relay migration 011 (web chat visitors and customers)', () => {
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

  it('migrates a store with conversations and events, keeping them, and adds the visitor tables', () => {
    migrate(db, migration011WebchatVisitors.version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, account_id, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', '', 'U1', 'A', 1, 1)`).run();
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('channel.event', 'line:U1', 5, '{}')`).run();

    expect(migrate(db, migration011WebchatVisitors.version)).toBe(migration011WebchatVisitors.version);
    expect(schemaVersion(db)).toBe(migration011WebchatVisitors.version);
    expect(db.prepare('SELECT id, display_name FROM conversations').all()).toEqual([{ id: 'line:U1', display_name: 'A' }]);
    expect(db.prepare('SELECT seq, type FROM events').all()).toEqual([{ seq: 1, type: 'channel.event' }]);

    const customer = db.prepare(
      'INSERT INTO webchat_customers (customer_id, shop_user_id, display_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)',
    );
    customer.run('v_a', null, '網站訪客 a', null);
    customer.run('v_b', null, '網站訪客 b', null);
    customer.run('u_c', 'shop-user-1', 'Mei', 'mei@example.com');
    expect(db.prepare(`SELECT read_up_to_seq FROM webchat_customers WHERE customer_id = 'v_a'`).get()).toEqual({ read_up_to_seq: 0 });
    // One conversation per shop user; anonymous customers (NULL) do not collide.
    expect(() => customer.run('u_d', 'shop-user-1', 'Mei again', null)).toThrow(/UNIQUE/);

    db.prepare(`INSERT INTO webchat_visitors (visitor_id, customer_id, created_at) VALUES ('visitor-1-aaaaaaaaaaaaaaaa', 'v_a', 1)`).run();
    expect(() => db.prepare(`INSERT INTO webchat_visitors (visitor_id, customer_id, created_at) VALUES ('visitor-2-aaaaaaaaaaaaaaaa', 'nobody', 1)`).run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => db.prepare(`INSERT INTO webchat_visitors (visitor_id, customer_id, created_at) VALUES ('visitor-3-aaaaaaaaaaaaaaaa', 'v_a', 1)`).run()).toThrow(
      /UNIQUE/,
    );
  });
});
