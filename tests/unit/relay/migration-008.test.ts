import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration007Orders } from '../../../src/relay/store/migrations/007_orders';
import { migration008MutationClaims } from '../../../src/relay/store/migrations/008_mutation_claims';
import { claimMutationIdSync } from '../../../src/relay/store/sqlite-mutation-claims';

describe('relay migration 008 (mutation ids owned by agent name, type and payload)', () => {
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

  it('migrates a v7 store with mutations and orders: every id keeps its owner, its answer stays', () => {
    migrate(db, migration007Orders.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', 'A', 1, 1)`).run();
    const mutation = db.prepare(`INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES (?, ?, ?, 'done', ?, 5, 5)`);
    mutation.run('reply-0001', 'reply.send', 'Amy', '{"ok":true,"messageId":"m1","delivery":"held","reason":"no_fresh_token"}');
    mutation.run('ord_0001', 'order.create', 'Ben', '{"ok":true}');
    // An order whose mutation row is missing still belongs to its author.
    db.prepare(
      `INSERT INTO orders (order_id, order_no, conversation_id, friend_id, cart_json, totals_json, total, status, agent_name, client_time,
         created_at, status_changed_at) VALUES ('ord_0002', 'SO2611230002', 'line:U1', 'U1', '{}', '{}', 100, 'awaiting_payment', 'Ben', 1, 7, 7)`,
    ).run();
    const answersBefore = db.prepare('SELECT * FROM mutations ORDER BY id').all();

    expect(migrate(db, migration008MutationClaims.version)).toBe(8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT * FROM mutations ORDER BY id').all()).toEqual(answersBefore);
    expect(db.prepare('SELECT id, agent_name, type, payload_hash, claimed_at FROM mutation_claims ORDER BY id').all()).toEqual([
      { id: 'ord_0001', agent_name: 'Ben', type: 'order.create', payload_hash: null, claimed_at: 5 },
      { id: 'ord_0002', agent_name: 'Ben', type: 'order.create', payload_hash: null, claimed_at: 7 },
      { id: 'reply-0001', agent_name: 'Amy', type: 'reply.send', payload_hash: null, claimed_at: 5 },
    ]);

    const claim = (id: string, agentName: string, type: 'reply.send' | 'order.create', payloadHash: string) =>
      claimMutationIdSync(db, { id, agentName, type, payloadHash, now: 9 }).kind;
    expect(claim('reply-0001', 'Ben', 'reply.send', 'h1')).toBe('reused');
    // The first repeat after the migration fixes the payload; a different one afterwards is refused.
    expect(claim('reply-0001', 'Amy', 'reply.send', 'h1')).toBe('repeat');
    expect(claim('reply-0001', 'Amy', 'reply.send', 'h2')).toBe('reused');
    expect(claim('ord_0002', 'Amy', 'order.create', 'h3')).toBe('reused');
    expect(claim('new-id-01', 'Amy', 'reply.send', 'h4')).toBe('claimed');
    expect(() => db.prepare(`INSERT INTO mutation_claims (id, agent_name, type, claimed_at) VALUES ('new-id-01', 'Cy', 'reply.send', 1)`).run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });
});
