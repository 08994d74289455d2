import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../../src/main/core';
import { freePort, waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted, messageReceived, startFakeRelay, type FakeRelay } from './support/fake-relay';
import { startCore, type CoreHarness } from './support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function relay(options: Parameters<typeof startFakeRelay>[0] = {}): Promise<FakeRelay> {
  const started = await startFakeRelay(options);
  cleanups.push(() => started.close());
  return started;
}

/** A core already signed in to `fake` (credentials saved beforehand: silent resume). */
async function signedInCore(fake: { url: string }, dataDir?: string): Promise<CoreHarness> {
  const harness = await startCore({
    credentials: createMemoryCredentialStore({ relayUrl: fake.url, token: DEFAULT_TOKEN }),
    ...(dataDir ? { dataDir } : {}),
  });
  cleanups.push(() => harness.close());
  return harness;
}

async function online(harness: CoreHarness): Promise<void> {
  await waitFor(async () => (await harness.core.handle('sync:status', {})).connection === 'online', { what: 'online' });
}

async function messagesOf(harness: CoreHarness, conversationId: string) {
  return (await harness.core.handle('conversation:messages', { conversationId })).messages;
}

describe('sync engine against a relay', () => {
  it('sends a reply through the outbox and shows it as sent free', async () => {
    const fake = await relay();
    fake.append(conversationUpserted('Uchen', '陳小姐'));
    fake.append(messageReceived('Uchen', 'm1', '請問這件洋裝還有M號嗎？'));
    const harness = await signedInCore(fake);
    await online(harness);
    await waitFor(async () => (await messagesOf(harness, 'line:Uchen')).length === 1);

    const sent = await harness.core.handle('reply:send', { conversationId: 'line:Uchen', text: '有的，M號還有貨喔' });
    if (!sent.ok) throw new Error(sent.message);
    const delivered = await waitFor(async () => {
      const message = (await messagesOf(harness, 'line:Uchen')).find((m) => m.id === sent.messageId);
      return message?.delivery === 'sent_free' ? message : undefined;
    });
    expect(delivered).toMatchObject({ direction: 'out', text: '有的，M號還有貨喔', author: 'Amy' });
    expect(fake.mutations).toEqual([
      { id: sent.messageId, type: 'reply.send', payload: { conversationId: 'line:Uchen', text: '有的，M號還有貨喔' } },
    ]);
    await waitFor(async () => (await harness.core.handle('sync:status', {})).pendingCount === 0);
    expect(await messagesOf(harness, 'line:Uchen')).toHaveLength(2); // message.sent matched the local copy
  });

  it('queues replies while the relay is down and sends each exactly once when it comes up', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await relay({ port });
    first.append(conversationUpserted('Ulin', '林志明'));
    const harness = await signedInCore(first);
    await waitFor(async () => (await harness.core.handle('inbox:list', {})).total === 1);
    await first.close();
    await waitFor(async () => (await harness.core.handle('sync:status', {})).connection === 'offline');

    const a = await harness.core.handle('reply:send', { conversationId: 'line:Ulin', text: '運費是 60 元' });
    const b = await harness.core.handle('reply:send', { conversationId: 'line:Ulin', text: '滿 999 免運' });
    expect(await messagesOf(harness, 'line:Ulin')).toMatchObject([{ delivery: 'queued' }, { delivery: 'queued' }]);
    expect((await harness.core.handle('sync:status', {})).pendingCount).toBe(2);

    const second = await relay({ port });
    second.append(conversationUpserted('Ulin', '林志明'));
    await waitFor(async () => (await harness.core.handle('sync:status', {})).pendingCount === 0, { timeoutMs: 20_000 });
    expect(url).toBe(second.url);
    expect(second.mutations.map((m) => m.id)).toEqual([a.ok && a.messageId, b.ok && b.messageId]);
    expect((await messagesOf(harness, 'line:Ulin')).map((m) => m.delivery)).toEqual(['sent_free', 'sent_free']);
  });

  it('pulls after a lost frame and reconnects with the current cursor', async () => {
    const fake = await relay();
    fake.append(conversationUpserted('Uamy', 'Amy Wu'));
    const harness = await signedInCore(fake);
    await waitFor(async () => (await harness.core.handle('inbox:list', {})).total === 1);

    fake.dropLive = true;
    fake.append(messageReceived('Uamy', 'm1', '我想退貨')); // seq 2, lost
    fake.dropLive = false;
    fake.append(messageReceived('Uamy', 'm2', '可以換尺寸嗎？')); // seq 3 → gap
    await waitFor(async () => (await messagesOf(harness, 'line:Uamy')).length === 2, { what: 'the pulled messages' });
    expect(fake.pulls).toEqual([1]);
    expect((await messagesOf(harness, 'line:Uamy')).map((m) => m.text)).toEqual(['我想退貨', '可以換尺寸嗎？']);

    const handshakes = fake.handshakes.length;
    fake.disconnectAll();
    await waitFor(() => fake.handshakes.length > handshakes, { what: 'a reconnect' });
    // One before the cursor: the relay re-sends the event AT the cursor, which the client checks (docs/protocol.md).
    expect(fake.handshakes[fake.handshakes.length - 1]?.cursor).toBe(3 - 1);
  });

  it('shows catch-up progress while a backlog arrives', async () => {
    const fake = await relay({ pageSize: 2, maxBacklogPages: 1 });
    fake.append(conversationUpserted('Ua', '陳小姐'));
    for (let i = 1; i <= 4; i++) fake.append(messageReceived('Ua', `m${i}`, `訊息 ${i}`));
    const harness = await signedInCore(fake);
    const status = await waitFor(async () => {
      const s = await harness.core.handle('sync:status', {});
      return s.catchUp ? s : undefined;
    });
    expect(status.catchUp).toEqual({ applied: 2, total: 5 });
    fake.append(messageReceived('Ua', 'm5', '訊息 5')); // seq 6: a gap → pull → the rest, page by page
    await waitFor(async () => (await messagesOf(harness, 'line:Ua')).length === 5);
    await waitFor(async () => (await harness.core.handle('sync:status', {})).catchUp === null);
  });

  it('converts the reply window to the agent clock and keeps the open conversation read', async () => {
    const relaySkewMs = 90_000;
    const fake = await relay({ now: () => Date.now() + relaySkewMs });
    const harness = await signedInCore(fake);
    await online(harness);
    const relayNow = Date.now() + relaySkewMs;
    fake.append(conversationUpserted('Ua', '王媽媽', relayNow));
    fake.append(messageReceived('Ua', 'm1', '7-11 取貨要幾天', relayNow, relayNow));
    const summary = await waitFor(async () => (await harness.core.handle('conversation:get', { conversationId: 'line:Ua' })) ?? undefined);
    await waitFor(async () => (await harness.core.handle('conversation:get', { conversationId: 'line:Ua' }))?.replyWindowOpenedAt);
    const view = await harness.core.handle('conversation:get', { conversationId: 'line:Ua' });
    expect(summary.displayName).toBe('王媽媽');
    expect(Math.abs(view!.replyWindowOpenedAt! - (relayNow - relaySkewMs))).toBeLessThan(2_000);
    expect(view!.unreadCount).toBe(1);

    await harness.core.handle('conversation:markRead', { conversationId: 'line:Ua' });
    expect((await harness.core.handle('conversation:get', { conversationId: 'line:Ua' }))?.unreadCount).toBe(0);
    fake.append(messageReceived('Ua', 'm2', '謝謝'));
    await waitFor(async () => (await messagesOf(harness, 'line:Ua')).length === 2);
    expect((await harness.core.handle('conversation:get', { conversationId: 'line:Ua' }))?.unreadCount).toBe(0);
  });

  it('coalesces change notifications during a burst', async () => {
    const fake = await relay();
    const harness = await signedInCore(fake);
    await online(harness);
    harness.changes.length = 0;
    fake.append(conversationUpserted('Ua', 'A'));
    for (let i = 0; i < 30; i++) fake.append(messageReceived('Ua', `m${i}`, `第 ${i} 則`));
    await waitFor(async () => (await messagesOf(harness, 'line:Ua')).length === 30);
    await waitFor(() => harness.changes.some((c) => c.scopes.includes('conversation:line:Ua')));
    expect(harness.changes.length).toBeLessThan(10);
    const scopes = harness.changes.flatMap((c) => c.scopes);
    expect(scopes).toEqual(expect.arrayContaining(['sync', 'inbox', 'conversation:line:Ua']));
    for (const change of harness.changes) expect(new Set(change.scopes).size).toBe(change.scopes.length);
  });

  it('resyncs from the start when the relay’s log is a different one', async () => {
    const fake = await relay({ relayId: 'log-A' });
    fake.append(conversationUpserted('Uold', '舊的對話'));
    const harness = await signedInCore(fake);
    await waitFor(async () => (await harness.core.handle('inbox:list', {})).total === 1);
    await harness.core.close();
    cleanups.pop();
    await fake.close();

    const replaced = await relay({ relayId: 'log-B', port: fake.port });
    replaced.append(conversationUpserted('Unew', '新的對話'));
    const again = await signedInCore(replaced, harness.dataDir);
    await waitFor(async () => {
      const page = await again.core.handle('inbox:list', {});
      return page.total === 1 && page.conversations[0]?.displayName === '新的對話';
    });
    // The handshake's backlog may show the new log before the resync's pull reaches the relay: wait for it.
    await waitFor(() => replaced.pulls.length > 0, { what: 'the resync pull' });
    expect(replaced.pulls).toEqual([0]);
  });
});
