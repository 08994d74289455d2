import type { HelloFrame, Mutation, PresenceFrame, RequestFrame } from '../../../shared/protocol';
import type { Session, SyncStatus } from '../../../shared/ipc/views';
import type { LocalStoreHandle } from '../store/store-handle';
import { getLastSyncedAt, getStoredAgent, setStoredAgent } from '../store/meta';
import { countPendingOutbox, makeQueuedOutboxDueNow } from '../store/outbox';
import { OutboxFlusher, type OutboxFlusherOptions } from '../outbox/outbox-flusher';
import { RelayUnavailableError, SyncEngine } from '../sync/sync-engine';
import type { RelayAccess } from '../tags/lead-actions';
import type { CoreLog } from '../log';
import type { CredentialStore, Credentials } from './credential-store';
import { checkRelay } from './relay-check';
import { parseRelayAddress, type RelayTransport } from '../../../shared/connection/relay-address';
import { errorMessage } from '../sync/apply-events';
import { isStoreDamageError } from '../store/store-damage';
import type { StoreRecovery } from '../store/store-handle';

export type SignInResult = { ok: true; session: Session } | { ok: false; code: string; message: string };

interface Running {
  credentials: Credentials;
  transport: RelayTransport;
  demo: boolean;
  engine: SyncEngine;
  flusher: OutboxFlusher;
}

export interface SessionManagerOptions {
  store: LocalStoreHandle;
  credentials: CredentialStore;
  demo: Credentials | null;
  now: () => number;
  log: CoreLog;
  notify: (scopes: string[]) => void;
  /** The demo's second sign-in (an agent token; `demo` is the lead's), or null. */
  demoAgent?: Credentials | null;
  /** Connected (again): e.g. refresh the team's members. */
  onOnline?: () => void;
  /** Work a queued mutation needs first (uploading a photo or file); see OutboxFlusherOptions.beforeSend. */
  beforeSend?: OutboxFlusherOptions['beforeSend'];
}

/** Signing in and out, and the sync engine + outbox flusher that run while signed in. */
export class SessionManager {
  private running: Running | null = null;
  /** A saved sign-in that was not resumed: plain http to a public host (saved by an older version). */
  private refusedRelayUrl: string | null = null;
  /** Session changes run one at a time (a double-clicked "connect" must not start two engines). */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last error caught in a sync or outbox callback that was not store damage (shown as lastError). */
  private lastFault: string | null = null;

  constructor(private readonly options: SessionManagerOptions) {}

  /** At start: with saved credentials, sync silently (offline from the local store if the relay is down). */
  async resume(): Promise<void> {
    await this.serial(async () => {
      let saved: Credentials | null;
      try {
        saved = await this.options.credentials.load();
      } catch (error) {
        this.options.log.error(`Saved credentials are unreadable, signing out: ${errorMessage(error)}`);
        return;
      }
      if (!saved) return;
      // A damaged store is not synced into; the agent repairs it first (recoverStore resumes syncing).
      if (this.options.store.damaged()) return;
      const db = this.options.store.current();
      const stored = getStoredAgent(db);
      const wasDemo = stored?.demo ?? false;
      // The demo offers a lead and an agent sign-in: follow the one this store was signed in as.
      const demo = stored?.role === 'agent' && this.options.demoAgent ? this.options.demoAgent : this.options.demo;
      if (wasDemo && demo && (demo.relayUrl !== saved.relayUrl || demo.token !== saved.token)) {
        // The demo relay gets a new address and token on every launch; follow it.
        saved = demo;
        await this.options.credentials.save(demo);
      }
      const address = parseRelayAddress(saved.relayUrl);
      if (!address.ok) {
        // Saved by an older version that defaulted to http://: the agent signs in again with https.
        this.refusedRelayUrl = saved.relayUrl;
        this.options.log.error(`Not connecting to the saved relay: ${address.message}`);
        return;
      }
      this.startSync(saved, wasDemo);
    });
  }

  signIn(input: { relayUrl: string; token: string }): Promise<SignInResult> {
    return this.serial(() => this.signInNow(input, false));
  }

  signInDemo(role: 'agent' | 'lead' = 'lead'): Promise<SignInResult> {
    const demo = role === 'agent' ? (this.options.demoAgent ?? null) : this.options.demo;
    if (!demo) {
      return Promise.resolve({ ok: false, code: 'NO_DEMO', message: 'No demo relay is running with this app' });
    }
    return this.serial(() => this.signInNow(demo, true));
  }

  /**
   * Deletes the local store — after writing its unsent items to a file in the data folder. If that file
   * cannot be written, nothing happens (the error reaches the agent) rather than losing them.
   */
  signOut(): Promise<{ unsentFile: string | null; unsentCount: number }> {
    return this.serial(async () => {
      const saved = this.options.store.saveUnsentBeforeWipe();
      if (saved) this.options.log.warn(`Signing out with ${saved.count} unsent item(s); saved to ${saved.file}`);
      this.stopSync();
      this.refusedRelayUrl = null;
      await this.options.credentials.clear();
      this.options.store.wipe();
      this.lastFault = null;
      this.options.notify(['session', 'inbox', 'sync', 'store']);
      return { unsentFile: saved?.file ?? null, unsentCount: saved?.count ?? 0 };
    });
  }

  /** The agent's "keep a copy and resync" on a damaged store; syncing resumes with the saved sign-in. */
  recoverStore(): Promise<StoreRecovery> {
    return this.serial(async () => {
      this.stopSync();
      const recovery = this.options.store.recover();
      this.options.log.warn(
        `Local store repaired: ${recovery.savedItems} unsent item(s) saved to ${recovery.unsentFile}, ${recovery.requeuedItems} queued again; damaged copy ${recovery.damagedCopy ?? '(none)'}`,
      );
      this.lastFault = null;
      const saved = await this.options.credentials.load().catch(() => null);
      if (saved) this.startSync(saved, getStoredAgent(this.options.store.current())?.demo ?? false);
      this.options.notify(['store', 'session', 'inbox', 'sync', 'tags', 'orders']);
      return recovery;
    });
  }

  /**
   * Whatever a sync or outbox callback threw lands here instead of crashing the app. A damaged store
   * stops syncing and is reported (store:health); anything else is shown as the sync error.
   */
  private handleFault(error: unknown): void {
    if (isStoreDamageError(error)) {
      this.options.log.error(`The local store is damaged: ${errorMessage(error)}`);
      this.stopSync();
      this.options.store.markDamaged(error);
      this.options.notify(['store', 'session', 'sync', 'inbox']);
      return;
    }
    this.lastFault = errorMessage(error);
    this.options.notify(['sync']);
  }

  session(): Session {
    const tokenStorage = this.options.credentials.storage;
    if (!this.running) {
      return {
        state: 'signed_out',
        demoAvailable: this.options.demo !== null,
        // Named only when the demo has its agent sign-in too (the lead's is `demoAvailable`).
        ...(this.options.demo && this.options.demoAgent ? { demoRoles: ['lead' as const, 'agent' as const] } : {}),
        tokenStorage,
        refusedRelayUrl: this.refusedRelayUrl,
      };
    }
    const agent = getStoredAgent(this.options.store.current());
    return {
      state: 'signed_in',
      relayUrl: this.running.credentials.relayUrl,
      transport: this.running.transport,
      tokenStorage,
      agentName: agent?.name ?? '',
      role: agent?.role ?? 'agent',
      demo: this.running.demo,
    };
  }

  syncStatus(): SyncStatus {
    const db = this.options.store.current();
    const engine = this.running?.engine.status();
    return {
      connection: engine?.connection ?? 'signed_out',
      pendingCount: countPendingOutbox(db),
      catchUp: engine?.catchUp ?? null,
      lastSyncedAt: getLastSyncedAt(db),
      lastError: engine?.lastError ?? this.lastFault,
    };
  }

  /** Sends one mutation now and returns the relay's raw answer; rejects when the relay is not reachable. */
  async sendMutationNow(mutation: Mutation): Promise<unknown> {
    if (!this.running) throw new Error('Not signed in');
    return this.running.engine.sendMutation(mutation);
  }

  /** A reply was queued: send it now if the relay is reachable. */
  kickOutbox(): void {
    this.running?.flusher.kick();
  }

  /** Sends a mutation that must be answered now (not queued), e.g. rules.save; throws when offline. */
  mutateNow(mutation: Mutation): Promise<unknown> {
    if (!this.running) return Promise.reject(new RelayUnavailableError('Not signed in'));
    return this.running.engine.sendMutation(mutation);
  }

  /** A read from the relay now (team report, token list, members); throws RelayUnavailableError when offline. */
  requestNow(frame: RequestFrame): Promise<unknown> {
    if (!this.running) return Promise.reject(new RelayUnavailableError('Not signed in'));
    return this.running.engine.sendRequest(frame);
  }

  /** Tells the relay where this agent is typing; false when it could not be sent (offline). */
  reportPresence(frame: PresenceFrame): boolean {
    return this.running?.engine.sendPresence(frame) ?? false;
  }

  /** Direct relay access for actions that must be confirmed at once (lead tag actions, exports). */
  relayAccess(): RelayAccess {
    return {
      sendNow: (mutation: Mutation) => {
        if (!this.running) return Promise.reject(new RelayUnavailableError('Not signed in'));
        return this.running.engine.sendMutation(mutation);
      },
      credentials: () => this.running?.credentials ?? null,
      isOnline: () => this.running?.engine.isOnline() ?? false,
    };
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      const flusher = this.running?.flusher;
      this.stopSync();
      await flusher?.idle();
    });
  }

  private async signInNow(input: { relayUrl: string; token: string }, demo: boolean): Promise<SignInResult> {
    const address = parseRelayAddress(input.relayUrl);
    if (!address.ok) return { ok: false, code: address.code, message: address.message };
    const relayUrl = address.url;
    const token = input.token.trim();
    const check = await checkRelay(relayUrl, token);
    if (!check.ok) return { ok: false, code: check.code, message: check.message };
    this.stopSync();
    const credentials = { relayUrl, token };
    try {
      await this.options.credentials.save(credentials);
    } catch (error) {
      return { ok: false, code: 'CREDENTIALS', message: `Could not save the sign-in: ${errorMessage(error)}` };
    }
    setStoredAgent(this.options.store.current(), { ...check.hello.agent, demo });
    this.refusedRelayUrl = null;
    this.startSync(credentials, demo);
    this.options.notify(['session', 'sync', 'inbox']);
    return { ok: true, session: this.session() };
  }

  /**
   * The one place a sync engine (which sends the token on every connection) is started: refuses plain http
   * to a public host, whatever the caller checked before.
   */
  private startSync(credentials: Credentials, demo: boolean): void {
    const address = parseRelayAddress(credentials.relayUrl);
    if (!address.ok) return;
    const { store, now, log, notify } = this.options;
    const db = (): ReturnType<LocalStoreHandle['current']> => store.current();
    let flusher: OutboxFlusher | null = null;
    const engine = new SyncEngine({
      relayUrl: credentials.relayUrl,
      token: credentials.token,
      db,
      now,
      log,
      // Applied events may have queued a read receipt (a message arrived in the open conversation).
      onChange: (scopes) => {
        notify(scopes);
        flusher?.kick();
      },
      onHello: (hello: HelloFrame) => {
        const stored = getStoredAgent(db());
        if (stored?.name !== hello.agent.name || stored.role !== hello.agent.role) {
          setStoredAgent(db(), { ...hello.agent, demo });
          notify(['session']);
        }
      },
      onOnline: () => {
        makeQueuedOutboxDueNow(db());
        flusher?.kick();
        this.options.onOnline?.();
      },
      onFault: (error) => this.handleFault(error),
    });
    flusher = new OutboxFlusher({
      db,
      send: (mutation) => engine.sendMutation(mutation),
      isOnline: () => engine.isOnline(),
      now,
      log,
      onChange: notify,
      onFault: (error) => this.handleFault(error),
      ...(this.options.beforeSend ? { beforeSend: this.options.beforeSend } : {}),
    });
    this.running = { credentials, transport: address.transport, demo, engine, flusher };
    engine.start();
  }

  private stopSync(): void {
    if (!this.running) return;
    this.running.flusher.stop();
    this.running.engine.stop();
    this.running = null;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
