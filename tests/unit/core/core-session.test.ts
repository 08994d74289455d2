import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../../src/main/core';
import { localDatabasePath } from '../../../src/main/core/store/database';
import { freePort, waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted, messageReceived, startFakeRelay, type FakeRelay } from './support/fake-relay';
import { startCore, type CoreHarness } from './support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SIGNED_OUT = { state: 'signed_out', demoAvailable: false, tokenStorage: 'memory', refusedRelayUrl: null };

async function relay(options: Parameters<typeof startFakeRelay>[0] = {}): Promise<FakeRelay> {
  const started = await startFakeRelay(options);
  cleanups.push(() => started.close());
  return started;
}

async function core(options: Parameters<typeof startCore>[0] = {}): Promise<CoreHarness> {
  const harness = await startCore(options);
  cleanups.push(() => harness.close());
  return harness;
}

describe('session:signIn', () => {
  it('explains an unreachable relay, a server that is not a relay, and a rejected token', async () => {
    const { core: c } = await core();
    const deadPort = await freePort();
    expect(await c.handle('session:signIn', { relayUrl: `127.0.0.1:${deadPort}`, token: 'x' })).toEqual({
      ok: false,
      code: 'UNREACHABLE',
      message: `Cannot reach the relay at https://127.0.0.1:${deadPort}`,
    });

    const notARelay = createServer((_request, response) => response.end('<html>shop</html>'));
    await new Promise<void>((resolve) => notARelay.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => notARelay.close(() => resolve())));
    const otherUrl = `http://127.0.0.1:${(notARelay.address() as AddressInfo).port}`;
    expect(await c.handle('session:signIn', { relayUrl: otherUrl, token: 'x' })).toMatchObject({
      ok: false,
      message: `${otherUrl} is not a Shop Inbox relay`,
    });

    const fake = await relay();
    expect(await c.handle('session:signIn', { relayUrl: fake.url, token: 'sia_wrong' })).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
      message: 'The relay rejected this agent token',
    });
    expect(await c.handle('session:get', {})).toEqual(SIGNED_OUT);
  });

  it('signs in, saves the normalised credentials, syncs, and signs out deleting the local store', async () => {
    const fake = await relay();
    fake.append(conversationUpserted('Uchen', '陳小姐'));
    fake.append(messageReceived('Uchen', 'm1', '請問這件洋裝還有M號嗎？'));
    const credentials = createMemoryCredentialStore();
    const harness = await core({ credentials });
    const c = harness.core;

    const result = await c.handle('session:signIn', { relayUrl: ` ${fake.url}/ `, token: ` ${DEFAULT_TOKEN} ` });
    expect(result).toEqual({
      ok: true,
      session: {
        state: 'signed_in',
        relayUrl: fake.url,
        transport: 'http_loopback',
        tokenStorage: 'memory',
        agentName: 'Amy',
        role: 'agent',
        demo: false,
      },
    });
    expect(await credentials.load()).toEqual({ relayUrl: fake.url, token: DEFAULT_TOKEN });
    const list = await waitFor(async () => {
      const page = await c.handle('inbox:list', {});
      return page.total === 1 && page.conversations[0]?.lastMessagePreview ? page : undefined;
    });
    expect(list.conversations[0]).toMatchObject({ displayName: '陳小姐', unreadCount: 1, lastMessageDirection: 'in' });
    // The check connects with cursor = head (no backlog); the sync then starts from 0.
    expect(fake.handshakes.map((h) => h.cursor)).toEqual([2, 0]);
    await waitFor(async () => (await c.handle('sync:status', {})).connection === 'online');

    expect(await c.handle('session:signOut', {})).toEqual({ ok: true, unsentFile: null, unsentCount: 0 });
    expect(await credentials.load()).toBeNull();
    expect(await c.handle('session:get', {})).toEqual(SIGNED_OUT);
    expect((await c.handle('inbox:list', {})).total).toBe(0);
    expect((await c.handle('sync:status', {})).connection).toBe('signed_out');
    expect(existsSync(localDatabasePath(harness.dataDir))).toBe(true); // a fresh, empty store
    await waitFor(() => fake.connectedCount() === 0, { what: 'the sync socket to close' });
  });

  it('signs in to the demo relay, and says so when there is none', async () => {
    const fake = await relay({ tokens: { demo_token: { name: '示範客服', role: 'lead' } } });
    const withDemo = await core({ demo: { relayUrl: fake.url, token: 'demo_token' } });
    expect(await withDemo.core.handle('session:get', {})).toEqual({ ...SIGNED_OUT, demoAvailable: true });
    expect(await withDemo.core.handle('session:signInDemo', {})).toMatchObject({
      ok: true,
      session: { state: 'signed_in', agentName: '示範客服', role: 'lead', demo: true },
    });
    const without = await core();
    expect(await without.core.handle('session:signInDemo', {})).toMatchObject({ ok: false, code: 'NO_DEMO' });
  });

  it('resumes silently from saved credentials and works offline when the relay is down', async () => {
    const fake = await relay();
    fake.append(conversationUpserted('Uwang', '王媽媽'));
    const credentials = createMemoryCredentialStore();
    const first = await startCore({ credentials });
    await first.core.handle('session:signIn', { relayUrl: fake.url, token: DEFAULT_TOKEN });
    await waitFor(async () => (await first.core.handle('inbox:list', {})).total === 1);
    await first.core.close();
    await fake.close();

    const second = await core({ credentials, dataDir: first.dataDir });
    cleanups.push(() => rmSync(first.dataDir, { recursive: true, force: true }));
    expect(await second.core.handle('session:get', {})).toMatchObject({ state: 'signed_in', agentName: 'Amy' });
    expect((await second.core.handle('inbox:list', {})).conversations[0]?.displayName).toBe('王媽媽');
    await waitFor(async () => (await second.core.handle('sync:status', {})).connection === 'offline');
    const queued = await second.core.handle('reply:send', { conversationId: 'line:Uwang', text: '好的，明天出貨' });
    expect(queued).toMatchObject({ ok: true });
    expect((await second.core.handle('sync:status', {})).pendingCount).toBe(1);
  });

  it('stops and asks to sign in again when the saved token is revoked', async () => {
    const fake = await relay();
    const harness = await core({ credentials: createMemoryCredentialStore({ relayUrl: fake.url, token: 'sia_revoked' }) });
    const status = await waitFor(async () => {
      const s = await harness.core.handle('sync:status', {});
      return s.connection === 'unauthorized' ? s : undefined;
    });
    expect(status.lastError).toMatch(/rejected this agent token/);
    const attempts = fake.handshakes.length;
    // Absence of retries can only be observed over time: wait longer than the first reconnection delay.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(fake.handshakes.length).toBe(attempts);
  });
});

describe('core.handle', () => {
  it('rejects unknown channels and invalid input with a clear error', async () => {
    const { core: c } = await core();
    await expect(c.handle('inbox:drop', {})).rejects.toThrow('Unknown channel "inbox:drop"');
    await expect(c.handle('inbox:list', { limit: 0 })).rejects.toThrow(/Invalid input for inbox:list/);
    await expect(c.handle('reply:send', { conversationId: 5 })).rejects.toThrow(/Invalid input for reply:send/);
    expect(await c.handle('reply:send', { conversationId: 'line:x', text: '' })).toMatchObject({ ok: false, code: 'INVALID_REPLY' });
    expect(await c.handle('conversation:get', { conversationId: 'line:none' })).toBeNull();
  });
});

describe('session:signOut with unsent work', () => {
  it('saves the unsent replies to a file in the data folder before deleting the store', async () => {
    const fake = await relay();
    fake.append(conversationUpserted('Uchen', '陳小姐'));
    fake.onMutate = () => 'no-answer'; // the relay never confirms: the reply stays unsent
    const harness = await core({ credentials: createMemoryCredentialStore({ relayUrl: fake.url, token: DEFAULT_TOKEN }) });
    const c = harness.core;
    await waitFor(async () => (await c.handle('inbox:list', {})).total === 1, { what: 'the conversation to sync' });
    const sent = await c.handle('reply:send', { conversationId: 'line:Uchen', text: '明天幫您出貨' });
    expect(sent.ok).toBe(true);
    expect((await c.handle('sync:status', {})).pendingCount).toBe(1);

    const result = await c.handle('session:signOut', {});
    expect(result).toMatchObject({ ok: true, unsentCount: 1 });
    expect(result.unsentFile).toMatch(/unsent-at-sign-out-.+\.json$/);
    const saved = JSON.parse(readFileSync(result.unsentFile!, 'utf8')) as { reason: string; items: Array<{ mutationId: string; payload: { text: string } }> };
    expect(saved.reason).toBe('sign_out');
    expect(saved.items).toEqual([expect.objectContaining({ mutationId: sent.ok ? sent.messageId : '', payload: expect.objectContaining({ text: '明天幫您出貨' }) })]);
    expect((await c.handle('inbox:list', {})).total).toBe(0);
  });
});
