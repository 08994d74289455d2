import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  AGENT_NAMESPACE,
  CONNECT_ERRORS,
  FRAMES,
  PROTOCOL_VERSION,
  helloFrameSchema,
  type HandshakeAuth,
  type HelloFrame,
  type Mutation,
  type PresenceFrame,
  type RequestFrame,
} from '../../../shared/protocol';
import type { ConnectionState } from '../../../shared/ipc/views';
import type { LocalDatabase } from '../store/database';
import { getCursor, getRelayId, setRelayId, setServerTimeOffset } from '../store/meta';
import { countPendingOutbox } from '../store/outbox';
import { resetSyncedDataKeepingOutbox } from '../store/reset';
import { forgetSyncedTags } from '../tags/friend-tags';
import { backoffDelayMs } from '../backoff';
import type { CoreLog } from '../log';
import { applyEventsFrame } from './apply-events';

export const MUTATION_ACK_TIMEOUT_MS = 10_000;
/** A pull whose answer never came (socket.io is at-most-once) may be repeated after this long. */
const PULL_RETRY_MS = 5_000;

/** socket.io's reconnection: 500 ms doubling up to 10 s, ±50 % jitter. */
export const RECONNECT_OPTIONS = { reconnectionDelay: 500, reconnectionDelayMax: 10_000, randomizationFactor: 0.5 };

export interface SyncEngineOptions {
  relayUrl: string;
  token: string;
  db: () => LocalDatabase;
  now: () => number;
  log: CoreLog;
  onChange: (scopes: string[]) => void;
  onHello: (hello: HelloFrame) => void;
  onOnline: () => void;
  /**
   * Something threw inside a socket callback or timer (e.g. a SqliteError from a damaged store). It is
   * caught here — never left to crash the process — logged, shown as `lastError`, and passed on.
   */
  onFault?: (error: unknown) => void;
}

export interface SyncState {
  connection: ConnectionState;
  catchUp: { applied: number; total: number } | null;
  lastError: string | null;
}

export class RelayUnavailableError extends Error {}

/**
 * Keeps the local store in step with the relay's event log and carries outbox mutations up.
 * socket.io delivery is at-most-once, so correctness rests on the cursor, gap pulls and mutation ids.
 */
export class SyncEngine {
  private socket: Socket | null = null;
  private state: SyncState = { connection: 'connecting', catchUp: null, lastError: null };
  private lastPull: { cursor: number; at: number } | null = null;
  private manualReconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private manualReconnectAttempts = 0;
  private stopped = false;
  /** Received `events` frames not yet applied, oldest first. */
  private pendingFrames: unknown[] = [];

  constructor(private readonly options: SyncEngineOptions) {}

  status(): SyncState {
    return { ...this.state };
  }

  isOnline(): boolean {
    return this.state.connection === 'online' && this.socket?.connected === true;
  }

  start(): void {
    const { relayUrl, token } = this.options;
    const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, {
      transports: ['websocket'],
      // A function, so every reconnect presents the cursor as it is now, not as it was at first connect.
      auth: (send) => send(this.handshakeAuth(token)),
      ...RECONNECT_OPTIONS,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.lastPull = null;
      this.manualReconnectAttempts = 0;
    });
    socket.on(FRAMES.hello, (raw: unknown) => this.guarded('hello', () => this.handleHello(raw)));
    socket.on(FRAMES.events, (raw: unknown) => this.enqueueFrame(raw));
    socket.on('connect_error', (error: Error) => this.guarded('connect_error', () => this.handleConnectError(error)));
    socket.on('disconnect', (reason) =>
      this.guarded('disconnect', () => {
        if (this.stopped) return;
        this.setState({ connection: 'offline', catchUp: null });
        // After a server-side disconnect socket.io does not reconnect by itself; the relay may be restarting.
        if (reason === 'io server disconnect') this.scheduleManualReconnect();
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.manualReconnectTimer) clearTimeout(this.manualReconnectTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.state = { connection: 'signed_out', catchUp: null, lastError: null };
  }

  /** Sends one mutation and resolves with the relay's raw ack; rejects on timeout or a lost connection. */
  async sendMutation(mutation: Mutation): Promise<unknown> {
    const socket = this.socket;
    if (!socket || !this.isOnline()) throw new RelayUnavailableError('Not connected to the relay');
    return new Promise<unknown>((resolve, reject) => {
      const onDisconnect = (): void => reject(new RelayUnavailableError('The connection dropped before the relay answered'));
      socket.once('disconnect', onDisconnect);
      socket
        .timeout(MUTATION_ACK_TIMEOUT_MS)
        .emitWithAck(FRAMES.mutate, mutation)
        .then(resolve, () => reject(new RelayUnavailableError(`The relay did not answer within ${MUTATION_ACK_TIMEOUT_MS / 1000} s`)))
        .finally(() => socket.off('disconnect', onDisconnect));
    });
  }

  /** Sends a `request` frame (a read: team report, token list, members) and resolves with the relay's raw answer. */
  async sendRequest(frame: RequestFrame): Promise<unknown> {
    const socket = this.socket;
    if (!socket || !this.isOnline()) throw new RelayUnavailableError('Not connected to the relay');
    try {
      return await socket.timeout(MUTATION_ACK_TIMEOUT_MS).emitWithAck(FRAMES.request, frame);
    } catch {
      throw new RelayUnavailableError(`The relay did not answer within ${MUTATION_ACK_TIMEOUT_MS / 1000} s`);
    }
  }

  /** Fire-and-forget: presence is a hint that expires on the relay, so a lost frame costs nothing lasting. */
  sendPresence(frame: PresenceFrame): boolean {
    if (!this.socket || !this.isOnline()) return false;
    this.socket.emit(FRAMES.presence, frame);
    return true;
  }

  /**
   * One event before the cursor: the backlog then starts with the event AT the cursor, which
   * applyEventsFrame compares with what was applied there (a relay restored from an old backup shows
   * up as a mismatch, or as a head below our cursor).
   */
  private handshakeAuth(token: string): HandshakeAuth {
    let cursor = 0;
    try {
      cursor = Math.max(0, getCursor(this.options.db()) - 1);
    } catch (error) {
      // Called by socket.io on every (re)connect: it must not throw. The fault stops this engine.
      this.reportFault('handshake', error);
    }
    return { token, cursor, protocol: PROTOCOL_VERSION };
  }

  /**
   * The relay's log no longer holds what we applied (restored from a backup), or it is another log (a
   * new relay id): forget what was synced and start from 0. Unsent outbox items stay — with their
   * conversations, optimistic messages and queued orders — and go to the relay under their mutation ids
   * (the relay answers a repeated id with its first answer, so nothing is applied twice).
   */
  private forgetSyncedLog(why: string, otherRelay: boolean): void {
    const db = this.options.db();
    const kept = countPendingOutbox(db);
    this.options.log.warn(`${why}; resyncing from the start, keeping ${kept} unsent change(s) to send under their ids`);
    db.transaction(() => {
      resetSyncedDataKeepingOutbox(db, { otherRelay });
      forgetSyncedTags(db);
    })();
    this.options.onChange(['inbox', 'sync', 'tags', 'orders']);
  }

  private resyncFromStart(why: string): void {
    this.forgetSyncedLog(why, false);
    this.lastPull = null;
    this.pull(0);
  }

  private handleHello(raw: unknown): void {
    const hello = helloFrameSchema.safeParse(raw);
    if (!hello.success) {
      this.fail(`The relay sent an unreadable hello: ${z.prettifyError(hello.error)}`);
      return;
    }
    const db = this.options.db();
    const knownRelayId = getRelayId(db);
    let resynced = false;
    if (knownRelayId !== null && knownRelayId !== hello.data.relayId) {
      // A different event log: our cursor means nothing there. Start over from seq 0.
      this.forgetSyncedLog(`Relay id changed (${knownRelayId} → ${hello.data.relayId})`, true);
      resynced = true;
    }
    db.transaction(() => {
      setRelayId(db, hello.data.relayId);
      setServerTimeOffset(db, hello.data.serverTime - this.options.now());
    })();
    this.options.onHello(hello.data);
    // The relay answers the handshake with events after our OLD cursor; ask for its log from the start.
    if (resynced) this.pull(0);
    else if (hello.data.headSeq < getCursor(db)) {
      this.resyncFromStart(`The relay's log ends at seq ${hello.data.headSeq}, before our cursor ${getCursor(db)} (restored from a backup?)`);
    }
    const behind = hello.data.headSeq > getCursor(db);
    this.setState({
      connection: 'online',
      lastError: null,
      catchUp: behind ? { applied: getCursor(db), total: hello.data.headSeq } : null,
    });
    this.options.onOnline();
  }

  /**
   * Frames are applied one per turn of the event loop: a backlog of hundreds of pages can arrive in one
   * read, and applying them back to back would keep IPC (the agent's clicks) waiting until the last one.
   */
  private enqueueFrame(raw: unknown): void {
    this.pendingFrames.push(raw);
    if (this.pendingFrames.length === 1) setImmediate(() => this.guarded('events', () => this.applyNextFrame()));
  }

  private applyNextFrame(): void {
    if (this.stopped) {
      this.pendingFrames = [];
      return;
    }
    const raw = this.pendingFrames[0];
    if (raw === undefined) return;
    try {
      this.handleEvents(raw);
    } finally {
      this.pendingFrames.shift();
      if (this.pendingFrames.length > 0) setImmediate(() => this.guarded('events', () => this.applyNextFrame()));
    }
  }

  private handleEvents(raw: unknown): void {
    const outcome = applyEventsFrame(this.options.db(), raw, { now: this.options.now, log: this.options.log });
    switch (outcome.kind) {
      case 'invalid':
        this.fail(outcome.error);
        return;
      case 'failed':
        this.fail(outcome.error);
        // A damaged store (or another store failure) must reach the session, which stops syncing into it.
        this.options.onFault?.(outcome.cause);
        return;
      case 'gap':
        this.pull(outcome.cursor);
        return;
      case 'diverged':
        this.resyncFromStart(`The relay's event at our cursor ${outcome.cursor} is not the one we applied (log restored or replaced)`);
        return;
      case 'applied': {
        if (outcome.applied > 0) this.lastPull = null;
        const total = outcome.headSeq;
        const catchUp = outcome.more && total !== null ? { applied: outcome.cursor, total } : null;
        this.setState({ catchUp }, outcome.scopes);
      }
    }
  }

  private pull(cursor: number): void {
    const now = this.options.now();
    if (this.lastPull && this.lastPull.cursor === cursor && now - this.lastPull.at < PULL_RETRY_MS) return;
    this.lastPull = { cursor, at: now };
    this.socket?.emit(FRAMES.pull, { cursor });
  }

  private handleConnectError(error: Error): void {
    if (this.stopped) return;
    if (error.message === CONNECT_ERRORS.unauthorized) {
      this.socket?.disconnect();
      this.setState({ connection: 'unauthorized', catchUp: null, lastError: 'The relay rejected this agent token. Sign in again.' });
      return;
    }
    if (error.message === CONNECT_ERRORS.protocol || error.message === CONNECT_ERRORS.badHandshake) {
      this.socket?.disconnect();
      this.setState({
        connection: 'offline',
        catchUp: null,
        lastError: `The relay refused this app's protocol (${error.message}). Update the app.`,
      });
      return;
    }
    this.setState({ connection: 'offline', catchUp: null, lastError: `Cannot reach the relay: ${error.message}` });
    // A refusal by the relay's middleware is final for socket.io; anything else it retries by itself.
    if (this.socket && !this.socket.active) this.scheduleManualReconnect();
  }

  private scheduleManualReconnect(): void {
    if (this.stopped || this.manualReconnectTimer) return;
    this.manualReconnectAttempts += 1;
    const delay = backoffDelayMs(
      { baseMs: RECONNECT_OPTIONS.reconnectionDelay, maxMs: RECONNECT_OPTIONS.reconnectionDelayMax, jitter: RECONNECT_OPTIONS.randomizationFactor },
      this.manualReconnectAttempts,
    );
    this.manualReconnectTimer = setTimeout(
      () =>
        this.guarded('reconnect', () => {
          this.manualReconnectTimer = null;
          if (!this.stopped) this.socket?.connect();
        }),
      delay,
    );
  }

  /** Runs a socket callback or timer body; whatever it throws is reported, never rethrown. */
  private guarded(where: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.reportFault(where, error);
    }
  }

  private reportFault(where: string, error: unknown): void {
    const message = `Sync stopped at ${where}: ${error instanceof Error ? error.message : String(error)}`;
    this.options.log.error(message);
    this.state = { ...this.state, lastError: message };
    try {
      this.options.onFault?.(error);
    } catch (again) {
      this.options.log.error(`Could not handle the sync fault: ${again instanceof Error ? again.message : String(again)}`);
    }
  }

  private fail(message: string): void {
    this.options.log.error(message);
    this.setState({ lastError: message });
  }

  private setState(patch: Partial<SyncState>, scopes: string[] = []): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange(['sync', ...scopes]);
  }
}

