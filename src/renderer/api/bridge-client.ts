import {
  BRIDGE_CLOSE_UNAUTHORIZED,
  bridgeServerMessageSchema,
  ipcContract,
  type BridgeClientMessage,
  type InboxApi,
  type IpcChannel,
  type IpcEvent,
  type IpcInput,
  type IpcOutput,
} from '../../shared/ipc';

/**
 * The InboxApi over the browser host's WebSocket bridge.
 * The host restarts rarely, so a dropped socket is retried with backoff; calls made meanwhile wait
 * for the next `ready` and the page shows "connection lost" only if the outage lasts.
 */

/** The part of the DOM WebSocket this client uses (a fake in tests). */
export interface BridgeSocket {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type BridgeState = 'connecting' | 'ready' | 'reconnecting' | 'lost' | 'unauthorized';

export interface BridgeClientOptions {
  url: string;
  secret: string;
  createSocket?: (url: string) => BridgeSocket;
  /** First retry delay; doubles on each failure up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** An outage shorter than this stays silent ('reconnecting'); longer ones become 'lost'. */
  lostAfterMs?: number;
  /** A call with no answer within this time is rejected, so nothing in the UI waits forever. */
  callTimeoutMs?: number;
}

export interface BridgeInboxApi extends InboxApi {
  state(): BridgeState;
  onStateChange(listener: (state: BridgeState) => void): () => void;
  /** Closes the socket for good (no reconnect); pending calls are rejected. */
  close(): void;
}

/** Scopes announced after a reconnect: anything may have changed while the socket was down. */
export const RESYNC_SCOPES = ['session', 'sync', 'inbox', 'conversation:*'];

export const CONNECTION_LOST_MESSAGE = 'Connection to the app was lost';

interface PendingCall {
  channel: IpcChannel;
  frame: BridgeClientMessage;
  sent: boolean;
  resolve(output: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createBridgeInboxApi(options: BridgeClientOptions): BridgeInboxApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as BridgeSocket);
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  const lostAfterMs = options.lostAfterMs ?? 3_000;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;

  const changeListeners = new Set<(event: IpcEvent) => void>();
  const stateListeners = new Set<(state: BridgeState) => void>();
  const pending = new Map<number, PendingCall>();
  let nextId = 1;
  let state: BridgeState = 'connecting';
  let socket: BridgeSocket | null = null;
  let backoffMs = initialBackoffMs;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let lostTimer: ReturnType<typeof setTimeout> | null = null;
  let everReady = false;
  let closedForGood = false;

  function setState(next: BridgeState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function emitChanged(event: IpcEvent): void {
    for (const listener of [...changeListeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('A change listener failed', error);
      }
    }
  }

  function settle(id: number): PendingCall | undefined {
    const call = pending.get(id);
    if (!call) return undefined;
    pending.delete(id);
    clearTimeout(call.timer);
    return call;
  }

  function flushUnsent(): void {
    for (const call of pending.values()) {
      if (call.sent || !socket) continue;
      socket.send(JSON.stringify(call.frame));
      call.sent = true;
    }
  }

  function handleFrame(raw: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      console.warn('Ignoring a bridge frame that is not JSON');
      return;
    }
    const parsed = bridgeServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      console.warn('Ignoring an unexpected bridge frame', parsed.error.message);
      return;
    }
    const message = parsed.data;
    if (message.kind === 'ready') {
      const wasReconnect = everReady;
      everReady = true;
      backoffMs = initialBackoffMs;
      if (lostTimer) clearTimeout(lostTimer);
      lostTimer = null;
      setState('ready');
      flushUnsent();
      if (wasReconnect) emitChanged({ scopes: RESYNC_SCOPES });
      return;
    }
    if (message.kind === 'event') {
      emitChanged(message.event);
      return;
    }
    const call = settle(message.id);
    if (!call) return;
    if (!message.ok) {
      call.reject(new Error(message.error?.trim() || `${call.channel} failed`));
      return;
    }
    const output = ipcContract[call.channel].output.safeParse(message.output);
    if (output.success) call.resolve(output.data);
    else call.reject(new Error(`The app answered ${call.channel} with unexpected data: ${output.error.message}`));
  }

  function scheduleReconnect(): void {
    if (closedForGood || reconnectTimer) return;
    if (!lostTimer && state !== 'lost') {
      lostTimer = setTimeout(() => {
        lostTimer = null;
        if (state !== 'ready' && !closedForGood) setState('lost');
      }, lostAfterMs);
    }
    if (state !== 'lost') setState(everReady ? 'reconnecting' : 'connecting');
    const delay = backoffMs;
    backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function failSentCalls(message: string): void {
    for (const [id, call] of pending) {
      if (!call.sent) continue;
      settle(id);
      // The host may or may not have run it; the UI re-reads after reconnecting instead of guessing.
      call.reject(new Error(message));
    }
  }

  function connect(): void {
    let current: BridgeSocket;
    try {
      current = createSocket(options.url);
    } catch (error) {
      console.warn('Could not open the bridge socket', error);
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => current.send(JSON.stringify({ kind: 'auth', secret: options.secret } satisfies BridgeClientMessage));
    current.onmessage = (event) => {
      if (socket === current) handleFrame(event.data);
    };
    current.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      failSentCalls(CONNECTION_LOST_MESSAGE);
      if (event.code === BRIDGE_CLOSE_UNAUTHORIZED) {
        // A wrong secret never becomes right by retrying.
        closedForGood = true;
        rejectAll('This address is no longer valid: open the link printed by the app again');
        setState('unauthorized');
        return;
      }
      scheduleReconnect();
    };
  }

  function rejectAll(message: string): void {
    for (const id of [...pending.keys()]) settle(id)?.reject(new Error(message));
  }

  connect();

  return {
    invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
      if (closedForGood) return Promise.reject(new Error(CONNECTION_LOST_MESSAGE));
      const id = nextId++;
      return new Promise<IpcOutput<C>>((resolve, reject) => {
        const call: PendingCall = {
          channel,
          frame: { kind: 'invoke', id, channel, input },
          sent: false,
          resolve: resolve as (output: unknown) => void,
          reject,
          timer: setTimeout(() => {
            settle(id)?.reject(new Error(`${channel}: no answer from the app (${Math.round(callTimeoutMs / 1000)} s)`));
          }, callTimeoutMs),
        };
        pending.set(id, call);
        if (state === 'ready' && socket) flushUnsent();
      });
    },
    onChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (lostTimer) clearTimeout(lostTimer);
      rejectAll(CONNECTION_LOST_MESSAGE);
      const current = socket;
      socket = null;
      current?.close(1000, 'closed');
    },
  };
}
