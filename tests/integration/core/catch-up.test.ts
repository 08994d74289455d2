import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { NewRelayEvent } from '../../../src/shared/protocol';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { freePort } from '../../support/processes';
import { RelayProcess, startDesktopCore, tempDir } from '../faults/support';

const EVENTS = 50_000;
const CONVERSATIONS = 500;

/**
 * A long-offline device catches up a 50,000-event backlog page by page and stays usable meanwhile. The
 * relay is its own process, so pages arrive as fast as the network delivers them, many per read.
 */
describe('catch-up of a large backlog', () => {
  let fakeLine: FakeLine;
  let relay: RelayProcess;
  let relayDir: string;
  let token: string;
  let dataDir: string;
  let core: Core | null = null;
  beforeEach(async () => {
    fakeLine = await startFakeLine();
    relayDir = tempDir('catch-up-relay-');
    dataDir = tempDir('catch-up-');
    const store = SqliteRelayStore.open(relayDir);
    token = await createAgentToken(store, { name: 'Amy', role: 'agent' });
    const start = Date.UTC(2026, 0, 1);
    for (let from = 0; from < EVENTS; from += 5_000) {
      const batch: NewRelayEvent[] = [];
      for (let n = from; n < from + 5_000; n += 1) {
        const friendId = `U${(n % CONVERSATIONS).toString(16).padStart(32, '0')}`;
        batch.push(
          n < CONVERSATIONS
            ? { type: 'conversation.upserted', conversationId: `line:${friendId}`, occurredAt: start + n, payload: { channel: 'line', friendId, displayName: `客人 ${n}`, pictureUrl: null } }
            : {
                type: 'message.received',
                conversationId: `line:${friendId}`,
                occurredAt: start + n * 1000,
                payload: { messageId: `m${n}`, friendId, kind: 'text', text: `請問訂單 ${n}`, replyTokenReceivedAt: null },
              },
        );
      }
      await store.appendEvents(batch);
    }
    await store.close();
    relay = new RelayProcess({ port: await freePort(), dataDir: relayDir, fakeLine });
    await relay.start();
  }, 60_000);
  afterEach(async () => {
    await core?.close();
    await relay.stop();
    await fakeLine.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(relayDir, { recursive: true, force: true });
  });

  it('shows progress while pages arrive and answers IPC between pages', async () => {
    core = await startDesktopCore(dataDir, relay.url, token);
    const progress = new Set<number>();
    let slowest = 0;
    let total = 0;
    for (;;) {
      const asked = performance.now();
      const [status, inbox] = await Promise.all([core.handle('sync:status', {}), core.handle('inbox:list', { limit: 50, before: null })]);
      slowest = Math.max(slowest, performance.now() - asked);
      expect(inbox.conversations.length).toBeLessThanOrEqual(50);
      if (status.catchUp) {
        progress.add(status.catchUp.applied);
        total = status.catchUp.total;
      }
      if (status.lastSyncedAt !== null && status.catchUp === null && inbox.total === CONVERSATIONS) {
        const done = await core.handle('conversation:messages', { conversationId: `line:U${'0'.repeat(32)}`, limit: 500, before: null });
        if (done.messages.length === (EVENTS - CONVERSATIONS) / CONVERSATIONS) break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The relay may add its own start-up event (the LINE quota poll) after the backlog.
    expect(total).toBeGreaterThanOrEqual(EVENTS);
    expect(total).toBeLessThanOrEqual(EVENTS + 1);
    // "syncing 12,400 / 50,000": the count moved through many pages, not in one jump.
    expect(progress.size).toBeGreaterThanOrEqual(10);
    expect([...progress].every((applied) => applied >= 0 && applied <= EVENTS)).toBe(true);
    // Each answer waited for at most about one page transaction, never for the whole backlog.
    expect(slowest).toBeLessThan(250);
    console.info(`50,000-event catch-up: ${progress.size} progress values seen, slowest IPC answer ${slowest.toFixed(1)} ms`);
  }, 90_000);
});
