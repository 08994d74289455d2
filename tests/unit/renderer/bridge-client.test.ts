import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_CLOSE_UNAUTHORIZED, type IpcEvent } from '../../../src/shared/ipc';
import { createBridgeInboxApi, RESYNC_SCOPES, type BridgeSocket, type BridgeState } from '../../../src/renderer/api/bridge-client';
import { takeSecretFromLocation } from '../../../src/renderer/api/bridge-secret';

/** A socket the test drives by hand: it records what the client sends and delivers what the test says. */
class FakeSocket implements BridgeSocket {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  invokes(): Array<{ kind: 'invoke'; id: number; channel: string; input: unknown }> {
    return this.sent.filter((frame): frame is { kind: 'invoke'; id: number; channel: string; input: unknown } => (frame as { kind: string }).kind === 'invoke');
  }
}

const SYNC_STATUS = { connection: 'online', pendingCount: 2, catchUp: null, lastSyncedAt: 5, lastError: null };

function setup(options: { lostAfterMs?: number; callTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const states: BridgeState[] = [];
  const api = createBridgeInboxApi({
    url: 'ws://127.0.0.1:4000/bridge',
    secret: 's3cret',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    initialBackoffMs: 100,
    maxBackoffMs: 400,
    lostAfterMs: options.lostAfterMs ?? 1_000,
    callTimeoutMs: options.callTimeoutMs ?? 10_000,
  });
  api.onStateChange((state) => states.push(state));
  const latest = () => sockets[sockets.length - 1]!;
  const connect = () => {
    latest().open();
    latest().receive({ kind: 'ready' });
  };
  return { api, sockets, states, latest, connect };
}

describe('bridge client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('authenticates first, then sends calls made before ready and resolves them with validated output', async () => {
    const { api, latest, connect } = setup();
    const status = api.invoke('sync:status', {});
    expect(latest().url).toBe('ws://127.0.0.1:4000/bridge');
    latest().open();
    expect(latest().sent).toEqual([{ kind: 'auth', secret: 's3cret' }]);
    connect();
    const [call] = latest().invokes();
    expect(call).toMatchObject({ channel: 'sync:status', input: {} });
    latest().receive({ kind: 'result', id: call!.id, ok: true, output: SYNC_STATUS });
    await expect(status).resolves.toEqual(SYNC_STATUS);
    expect(api.state()).toBe('ready');
  });

  it('rejects with the error text when the core answers ok:false', async () => {
    const { api, latest, connect } = setup();
    connect();
    const sending = api.invoke('reply:send', { conversationId: 'c1', text: '您好' });
    const [call] = latest().invokes();
    latest().receive({ kind: 'result', id: call!.id, ok: false, error: 'conversation c1 not found' });
    await expect(sending).rejects.toThrow('conversation c1 not found');
  });

  it('rejects output that breaks the contract instead of passing it on', async () => {
    const { api, latest, connect } = setup();
    connect();
    const status = api.invoke('sync:status', {});
    latest().receive({ kind: 'result', id: latest().invokes()[0]!.id, ok: true, output: { connection: 'sideways' } });
    await expect(status).rejects.toThrow(/unexpected data/);
  });

  it('delivers event frames to listeners and ignores malformed frames', () => {
    const { api, latest, connect } = setup();
    connect();
    const events: IpcEvent[] = [];
    const unsubscribe = api.onChanged((event) => events.push(event));
    latest().receive('not json');
    latest().receive({ kind: 'event', event: { scopes: 'inbox' } });
    latest().receive({ kind: 'event', event: { scopes: ['inbox', 'conversation:c1'] } });
    unsubscribe();
    latest().receive({ kind: 'event', event: { scopes: ['sync'] } });
    expect(events).toEqual([{ scopes: ['inbox', 'conversation:c1'] }]);
  });

  it('reconnects with growing backoff, re-sends waiting calls and announces a resync', async () => {
    const { api, sockets, latest, connect, states } = setup({ lostAfterMs: 1_000 });
    connect();
    const events: IpcEvent[] = [];
    api.onChanged((event) => events.push(event));

    const inFlight = api.invoke('sync:status', {});
    latest().drop();
    // A call the host may already have run is not replayed blindly: it fails and the UI re-reads.
    await expect(inFlight).rejects.toThrow('Connection to the app was lost');
    expect(states).toContain('reconnecting');

    const waiting = api.invoke('session:get', {});
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    latest().drop(); // still down
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);

    connect();
    const [call] = latest().invokes();
    expect(call!.channel).toBe('session:get');
    latest().receive({ kind: 'result', id: call!.id, ok: true, output: { state: 'signed_out', demoAvailable: true, tokenStorage: 'os_encrypted', refusedRelayUrl: null } });
    await expect(waiting).resolves.toEqual({ state: 'signed_out', demoAvailable: true, tokenStorage: 'os_encrypted', refusedRelayUrl: null });
    expect(events).toEqual([{ scopes: RESYNC_SCOPES }]);
    expect(api.state()).toBe('ready');
    expect(states).not.toContain('lost');
  });

  it('reports the connection as lost only when the outage lasts', async () => {
    const { api, latest, connect } = setup({ lostAfterMs: 1_000 });
    connect();
    latest().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(api.state()).toBe('reconnecting');
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(400);
      latest().drop();
    }
    expect(api.state()).toBe('lost');
    await vi.advanceTimersByTimeAsync(400);
    connect();
    expect(api.state()).toBe('ready');
  });

  it('stops for good on a rejected secret', async () => {
    const { api, sockets, latest } = setup();
    latest().open();
    const waiting = api.invoke('session:get', {});
    latest().drop(BRIDGE_CLOSE_UNAUTHORIZED);
    await expect(waiting).rejects.toThrow(/no longer valid/);
    expect(api.state()).toBe('unauthorized');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('times out a call nobody answers', async () => {
    const { api, connect } = setup({ callTimeoutMs: 2_000 });
    connect();
    const status = api.invoke('sync:status', {});
    const assertion = expect(status).rejects.toThrow(/no answer/);
    await vi.advanceTimersByTimeAsync(2_000);
    await assertion;
  });
});

describe('takeSecretFromLocation', () => {
  it('reads the secret and removes it from the address bar, keeping the rest', () => {
    const replaced: string[] = [];
    const history = { replaceState: (_state: unknown, _title: string, url?: string | URL | null) => replaced.push(String(url)) };
    const secret = takeSecretFromLocation({ hash: '#secret=abc%2B123&view=c1', pathname: '/', search: '?x=1' }, history);
    expect(secret).toBe('abc+123');
    expect(replaced).toEqual(['/?x=1#view=c1']);
  });

  it('returns null and leaves the address alone without a secret', () => {
    const replaced: string[] = [];
    const history = { replaceState: () => replaced.push('x') };
    expect(takeSecretFromLocation({ hash: '', pathname: '/', search: '' }, history)).toBeNull();
    expect(replaced).toEqual([]);
  });
});
