import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { setStoredAgent } from '../../../src/main/core/store/meta';
import { savingsReport } from '../../../src/main/core/reports/savings';
import { startFakeRelay, type FakeRelay } from './support/fake-relay';
import { startCore, type CoreHarness } from './support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('roles on the desktop', () => {
  it('the demo offers a lead and an agent sign-in', async () => {
    const fake: FakeRelay = await startFakeRelay({ tokens: { lead_token: { name: '示範客服', role: 'lead' }, agent_token: { name: '小美', role: 'agent' } } });
    cleanups.push(() => fake.close());
    const harness: CoreHarness = await startCore({ demo: { relayUrl: fake.url, token: 'lead_token' }, demoAgent: { relayUrl: fake.url, token: 'agent_token' } });
    cleanups.push(() => harness.close());
    expect(await harness.core.handle('session:get', {})).toMatchObject({ state: 'signed_out', demoAvailable: true, demoRoles: ['lead', 'agent'] });
    expect(await harness.core.handle('session:signInDemo', { role: 'agent' })).toMatchObject({
      ok: true,
      session: { agentName: '小美', role: 'agent', demo: true },
    });
  });

  it('an agent’s savings report counts only their own replies; a lead’s everyone’s', () => {
    const db = new Database(':memory:');
    migrateLocalStore(db);
    const now = Date.UTC(2026, 2, 5, 4, 0);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, last_message_at) VALUES ('line:U1', 'line', 'U1', 'A', 1)`).run();
    const reply = db.prepare(`INSERT INTO messages (id, conversation_id, direction, kind, text, created_at, author, delivery) VALUES (?, 'line:U1', 'out', 'text', 'ok', ?, ?, 'sent_free')`);
    reply.run('r1', now - 60_000, '小美');
    reply.run('r2', now - 60_000, '阿杰');
    reply.run('r3', now - 60_000, '阿杰');
    const input = { days: 7, timezoneOffsetMinutes: -480 };
    expect(savingsReport(db, input, now).totals.freeReplies).toBe(3);
    setStoredAgent(db, { name: '小美', role: 'agent', demo: false });
    const own = savingsReport(db, { ...input, onlyAgent: '小美' }, now);
    expect(own.rows.map((row) => [row.agent, row.freeReplies])).toEqual([['小美', 1]]);
    expect(own.totals.freeReplies).toBe(1);
  });
});
