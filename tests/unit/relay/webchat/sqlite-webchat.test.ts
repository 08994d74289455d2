import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEventsSync } from '../../../../src/relay/store/sqlite-event-log';
import { createSqliteWebchatStore } from '../../../../src/relay/store/sqlite-webchat';
import type { WebchatStore } from '../../../../src/relay/store/webchat-store-types';
import type { NewRelayEvent } from '../../../../src/shared/protocol';
import { migrate } from '../../../../src/relay/store/migrate';

const VISITOR_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const VISITOR_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('the web chat store (visitors, customers, read positions, conversation events)', () => {
  let dir: string;
  let db: Database.Database;
  let store: WebchatStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-webchat-'));
    db = new Database(join(dir, 'relay.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db);
    store = createSqliteWebchatStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores nothing for a visitor who only connected; gives each writing visitor one random customer of their own', async () => {
    expect(await store.findVisitorCustomer(VISITOR_A)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM webchat_visitors').get()).toEqual({ n: 0 });

    const a = await store.ensureVisitorCustomer(VISITOR_A, 1_000);
    expect(a.customerId).toMatch(/^v_[A-Za-z0-9_-]{16}$/);
    expect(a.customerId).not.toContain(VISITOR_A.slice(0, 8));
    expect(a).toEqual({ customerId: a.customerId, conversationId: `webchat:web:${a.customerId}`, displayName: `網站訪客 ${a.customerId.slice(-4)}`, shopUserId: null });
    expect(await store.ensureVisitorCustomer(VISITOR_A, 2_000)).toEqual(a);
    expect(await store.findVisitorCustomer(VISITOR_A)).toEqual(a);

    const b = await store.ensureVisitorCustomer(VISITOR_B, 3_000);
    expect(b.customerId).not.toBe(a.customerId);
  });

  it('links the shop user id to one customer, whatever visitor asks, and keeps the newest name and email', async () => {
    const first = await store.ensureIdentifiedCustomer({ shopUserId: 'c-1001', name: 'Mei', email: 'mei@example.com', now: 1_000 });
    expect(first.customerId).toMatch(/^u_/);
    expect(first.shopUserId).toBe('c-1001');
    const again = await store.ensureIdentifiedCustomer({ shopUserId: 'c-1001', name: '美美', email: null, now: 2_000 });
    expect(again).toEqual({ ...first, displayName: '美美' });
    expect(db.prepare('SELECT display_name, email, updated_at FROM webchat_customers WHERE customer_id = ?').get(first.customerId)).toEqual({
      display_name: '美美',
      email: null,
      updated_at: 2_000,
    });
    const other = await store.ensureIdentifiedCustomer({ shopUserId: 'c-1002', name: 'Ann', email: null, now: 3_000 });
    expect(other.customerId).not.toBe(first.customerId);
  });

  it('moves the read position forward only', async () => {
    const a = await store.ensureVisitorCustomer(VISITOR_A, 1_000);
    expect(await store.readPosition(a.customerId)).toBe(0);
    await store.markRead(a.customerId, 7, 2_000);
    await store.markRead(a.customerId, 5, 3_000);
    expect(await store.readPosition(a.customerId)).toBe(7);
    expect(await store.readPosition('v_unknown')).toBe(0);
  });

  it('reads the newest message events of one conversation, oldest first, skipping other types and conversations', async () => {
    const received = (conversationId: string, messageId: string, at: number): NewRelayEvent => ({
      type: 'message.received',
      conversationId,
      occurredAt: at,
      payload: { messageId, friendId: 'v', kind: 'text', text: messageId, replyTokenReceivedAt: null },
    });
    db.transaction(() =>
      appendEventsSync(db, [
        received('webchat:web:v_1', 'm1', 1),
        { type: 'conversation.replyWindow', conversationId: 'webchat:web:v_1', occurredAt: 2, payload: { tokenReceivedAt: null, webchat: { visitorOnline: true } } },
        received('webchat:web:v_2', 'other', 3),
        received('webchat:web:v_1', 'm2', 4),
        received('webchat:web:v_1', 'm3', 5),
      ]),
    )();
    const events = await store.conversationMessageEvents('webchat:web:v_1', 2);
    expect(events.map((event) => [event.seq, event.type, event.type === 'message.received' ? event.payload.messageId : null])).toEqual([
      [4, 'message.received', 'm2'],
      [5, 'message.received', 'm3'],
    ]);
    expect((await store.conversationMessageEvents('webchat:web:v_1', 10)).length).toBe(3);
  });
});
