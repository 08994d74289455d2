import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { CHANNEL_SECRET, startRelayHarness } from '../relay/harness';
import { desktopDbFile, readStore, startDesktopCore, tempDir } from './support';

const CLIENTS = 3;
const MUTATIONS_PER_CLIENT = 1_000;
const CUSTOMERS = Array.from({ length: 4 }, (_, i) => `U${(0xc0 + i).toString(16).padStart(32, '0')}`);

/** Everything an agent sees, in display order, without per-device bookkeeping (local ids, unread). */
function visibleState(dataDir: string) {
  return readStore(desktopDbFile(dataDir), (db) => ({
    conversations: db.prepare('SELECT id, display_name, last_message_preview FROM conversations ORDER BY id').all(),
    messages: db
      .prepare(
        `SELECT server_id, mutation_id, conversation_id, direction, text, created_at, delivery, delivery_reason
         FROM messages ORDER BY conversation_id, created_at, server_id`,
      )
      .all(),
    pending: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
  }));
}

const cursorOf = (dataDir: string) =>
  readStore(desktopDbFile(dataDir), (db) => Number((db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get() as { value: string } | undefined)?.value ?? 0));

describe('offline agents converge', () => {
  it(`${CLIENTS} clients, ${MUTATIONS_PER_CLIENT.toLocaleString('en-US')} offline replies each on shared conversations, reconnecting in random order → identical state`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(CUSTOMERS.length - 1), { minLength: MUTATIONS_PER_CLIENT, maxLength: MUTATIONS_PER_CLIENT }), {
          minLength: CLIENTS,
          maxLength: CLIENTS,
        }),
        fc.shuffledSubarray([0, 1, 2], { minLength: CLIENTS, maxLength: CLIENTS }),
        async (targets, reconnectOrder) => {
          const h = await startRelayHarness();
          const dirs = Array.from({ length: CLIENTS }, () => tempDir('fault-converge-'));
          const open: Core[] = [];
          try {
            for (const userId of CUSTOMERS) {
              const event = textMessageEvent({ userId, text: '在嗎？', replyToken: h.fakeLine.issueReplyToken() });
              expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
            }
            const head = await h.relay.store.headSeq();
            // Online once: every client has the conversations.
            for (const dir of dirs) {
              const core = await startDesktopCore(dir, h.relay.url, h.agentToken);
              await waitFor(() => cursorOf(dir) === head, { what: 'the first sync' });
              await core.close();
            }
            // Offline (nothing listens there): each agent queues its replies.
            const nowhere = `http://127.0.0.1:${await freePort()}`;
            for (const [client, dir] of dirs.entries()) {
              const core = await startDesktopCore(dir, nowhere, h.agentToken);
              for (const [n, customer] of targets[client]!.entries()) {
                const queued = await core.handle('reply:send', { conversationId: `line:${CUSTOMERS[customer]}`, text: `客服${client}-${n}` });
                expect(queued.ok).toBe(true);
              }
              await core.close();
            }
            // Back online in random order, without waiting for each other.
            for (const client of reconnectOrder) open.push(await startDesktopCore(dirs[client]!, h.relay.url, h.agentToken));
            const total = CLIENTS * MUTATIONS_PER_CLIENT;
            await waitFor(
              async () => {
                const finalHead = await h.relay.store.headSeq();
                return dirs.every((dir) => visibleState(dir).pending === 0 && cursorOf(dir) === finalHead) && finalHead > head + total;
              },
              { timeoutMs: 120_000, intervalMs: 200, what: 'every outbox to flush and every client to catch up' },
            );
            const states = dirs.map(visibleState);
            expect(states[0]!.messages.filter((m) => (m as { direction: string }).direction === 'out')).toHaveLength(total);
            for (const state of states.slice(1)) expect(state).toEqual(states[0]);
          } finally {
            for (const core of open) await core.close();
            await h.close();
            for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { seed: 20261123, numRuns: 2, endOnFailure: true },
    );
  }, 240_000);
});
