import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Every connection the core opens, recorded before it goes out: the socket.io handshake and fetch both carry the token.
const opened = vi.hoisted(() => ({ sockets: [] as string[] }));
vi.mock('socket.io-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('socket.io-client')>();
  const io = ((url: string, options?: Parameters<typeof actual.io>[1]) => {
    opened.sockets.push(url);
    return actual.io(url, options);
  }) as typeof actual.io;
  return { ...actual, io };
});

import { createMemoryCredentialStore, type CoreLog } from '../../../src/main/core';
import { checkRelay } from '../../../src/main/core/session/relay-check';
import { exportSegment } from '../../../src/main/core/tags/lead-actions';
import { DEFAULT_TOKEN, startFakeRelay } from './support/fake-relay';
import { startCore } from './support/core-harness';

const PUBLIC_HTTP = 'http://relay.shop.tw:8787';
const cleanups: Array<() => Promise<void>> = [];
let fetches: string[];

beforeEach(() => {
  opened.sockets = [];
  fetches = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    fetches.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordingLog(): CoreLog & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };
}

describe('the agent token never goes over plain http to a public host', () => {
  it('sign-in refuses before any request, saves nothing, and says to use https', async () => {
    const credentials = createMemoryCredentialStore();
    const harness = await startCore({ credentials });
    cleanups.push(() => harness.close());
    const result = await harness.core.handle('session:signIn', { relayUrl: `${PUBLIC_HTTP}/`, token: 'sia_secret' });
    expect(result).toMatchObject({ ok: false, code: 'INSECURE_URL' });
    expect(!result.ok && result.message).toContain('Use https://relay.shop.tw:8787');
    expect(opened.sockets).toEqual([]);
    expect(fetches).toEqual([]);
    expect(await credentials.load()).toBeNull();
    expect(await harness.core.handle('session:get', {})).toMatchObject({ state: 'signed_out' });
  });

  it('a saved plain-http public sign-in (older versions defaulted to http://) is not resumed', async () => {
    const log = recordingLog();
    const harness = await startCore({ credentials: createMemoryCredentialStore({ relayUrl: PUBLIC_HTTP, token: 'sia_secret' }), log });
    cleanups.push(() => harness.close());
    expect(await harness.core.handle('session:get', {})).toEqual({
      state: 'signed_out',
      demoAvailable: false,
      tokenStorage: 'memory',
      refusedRelayUrl: PUBLIC_HTTP,
    });
    expect((await harness.core.handle('sync:status', {})).connection).toBe('signed_out');
    expect(log.errors.join('\n')).toMatch(/Not connecting to the saved relay: Refusing plain http to relay\.shop\.tw:8787/);
    expect(opened.sockets).toEqual([]);
    expect(fetches).toEqual([]);
  });

  it('the relay check and the segment export refuse too, whoever calls them', async () => {
    expect(await checkRelay('http://203.0.113.7:8787', 'sia_secret')).toMatchObject({ ok: false, code: 'INSECURE_URL' });
    const fetchImpl = vi.fn<typeof fetch>();
    const access = {
      sendNow: () => Promise.reject(new Error('unused')),
      credentials: () => ({ relayUrl: PUBLIC_HTTP, token: 'sia_secret' }),
      isOnline: () => true,
    };
    expect(await exportSegment(access, { tags: ['VIP'], mode: 'or' }, fetchImpl)).toMatchObject({ ok: false, code: 'INSECURE_URL' });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(opened.sockets).toEqual([]);
    expect(fetches).toEqual([]);
  });

  it('plain http on this computer goes through: the watch does see the connections it opens', async () => {
    const fake = await startFakeRelay();
    cleanups.push(() => fake.close());
    const harness = await startCore();
    cleanups.push(() => harness.close());
    expect(await harness.core.handle('session:signIn', { relayUrl: fake.url, token: DEFAULT_TOKEN })).toMatchObject({
      ok: true,
      session: { transport: 'http_loopback' },
    });
    expect(fetches).toEqual([`${fake.url}/healthz`]);
    expect(opened.sockets[0]).toBe(`${fake.url}/agent`);
  });
});
