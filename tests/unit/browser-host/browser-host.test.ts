import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host/server';
import { secretsMatch } from '../../../src/main/browser-host/bridge';
import { BRIDGE_CLOSE_UNAUTHORIZED, BRIDGE_PATH, bridgeServerMessageSchema, type BridgeServerMessage } from '../../../src/shared/ipc/bridge';
import { startCore, tempDir, type CoreHarness } from '../core/support/core-harness';

let dir: ReturnType<typeof tempDir>;
let harness: CoreHarness;
let host: BrowserHost;
let origin: string;
let secret: string;

beforeAll(async () => {
  dir = tempDir('inbox-host-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Shop Inbox</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("inbox")');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir.path, 'secret.txt'), 'TOP SECRET');
  harness = await startCore({ dataDir: join(dir.path, 'data') });
  host = await startBrowserHost({ core: harness.core, rendererDir, port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${host.port}`;
  secret = new URL(host.url).hash.replace('#secret=', '');
});

afterAll(async () => {
  await host.close();
  await harness.close();
  dir.remove();
});

/** Raw GET that keeps the path exactly as given (no client-side normalisation of `..`). */
function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface OpenedBridge {
  socket: WebSocket;
  messages: BridgeServerMessage[];
  closed: Promise<{ code: number }>;
  next(predicate: (message: BridgeServerMessage) => boolean): Promise<BridgeServerMessage>;
}

function openBridge(headers: Record<string, string> = { Origin: origin }): OpenedBridge {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${BRIDGE_PATH}`, { headers });
  const messages: BridgeServerMessage[] = [];
  const waiters: Array<{ predicate: (m: BridgeServerMessage) => boolean; resolve: (m: BridgeServerMessage) => void }> = [];
  socket.on('message', (data) => {
    const message = bridgeServerMessageSchema.parse(JSON.parse(data.toString()));
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  return {
    socket,
    messages,
    closed,
    next: (predicate) =>
      new Promise((resolve) => {
        const found = messages.find(predicate);
        if (found) resolve(found);
        else waiters.push({ predicate, resolve });
      }),
  };
}

async function opened(bridge: OpenedBridge): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    bridge.socket.once('open', () => resolve());
    bridge.socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('static files', () => {
  it('serves index.html for / with the security headers and the CSP naming its own WebSocket', async () => {
    expect(host.url).toMatch(new RegExp(`^${origin}/#secret=[A-Za-z0-9_-]{43}$`));
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('Shop Inbox');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; media-src 'self' blob:; ` +
        `connect-src 'self' ws://127.0.0.1:${host.port}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
  });

  it('uses the right content types and answers 404 for unknown files', async () => {
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css?v=1')).headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await get('/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBeDefined();
    expect((await get('/assets')).status).toBe(404);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '//etc/passwd', '/%00index.html'])(
    'blocks directory traversal: %s',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('TOP SECRET');
    },
  );
});

describe('IPC bridge', () => {
  it('invokes the core after auth and forwards core changes as events', async () => {
    const bridge = openBridge();
    await opened(bridge);
    bridge.socket.send(JSON.stringify({ kind: 'auth', secret }));
    await bridge.next((m) => m.kind === 'ready');
    bridge.socket.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'session:get', input: {} }));
    expect(await bridge.next((m) => m.kind === 'result' && m.id === 1)).toEqual({
      kind: 'result',
      id: 1,
      ok: true,
      output: { state: 'signed_out', demoAvailable: false, tokenStorage: 'memory', refusedRelayUrl: null },
    });
    bridge.socket.send(JSON.stringify({ kind: 'invoke', id: 2, channel: 'inbox:list', input: { limit: -1 } }));
    const failed = await bridge.next((m) => m.kind === 'result' && m.id === 2);
    expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid input for inbox:list/) });

    bridge.socket.send(JSON.stringify({ kind: 'invoke', id: 3, channel: 'conversation:markRead', input: { conversationId: 'line:U1' } }));
    const event = await bridge.next((m) => m.kind === 'event');
    expect(event).toEqual({ kind: 'event', event: { scopes: ['inbox', 'conversation:line:U1'] } });
    bridge.socket.close();
  });

  it('closes with 4401 on a wrong secret', async () => {
    const bridge = openBridge();
    await opened(bridge);
    bridge.socket.send(JSON.stringify({ kind: 'auth', secret: `${secret.slice(0, -1)}x` }));
    expect((await bridge.closed).code).toBe(BRIDGE_CLOSE_UNAUTHORIZED);
    expect(bridge.messages).toEqual([]);
  });

  it('closes with 4401 when the first message is not auth', async () => {
    const bridge = openBridge();
    await opened(bridge);
    bridge.socket.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'session:get', input: {} }));
    expect((await bridge.closed).code).toBe(BRIDGE_CLOSE_UNAUTHORIZED);
    expect(bridge.messages).toEqual([]);
  });

  it('refuses a foreign Origin or none at all before any socket exists', async () => {
    const variants: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { Origin: `http://localhost:${host.port}` }, {}];
    for (const headers of variants) {
      const bridge = openBridge(headers);
      await expect(opened(bridge)).rejects.toThrow('HTTP 403');
    }
  });

  it('has no WebSocket anywhere but the bridge path', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/other`, { headers: { Origin: origin } });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });

  it('compares secrets in constant time regardless of length', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abc', 'abd')).toBe(false);
    expect(secretsMatch('abc', 'abcd')).toBe(false);
    expect(secretsMatch('abc', '')).toBe(false);
  });
});
