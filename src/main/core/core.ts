import { z } from 'zod';
import { ipcContract, isIpcChannel, type IpcChannel, type IpcEvent, type IpcInput, type IpcOutput } from '../../shared/ipc/contract';
import { ChangeNotifier } from './changes';
import { createIpcHandlers, type IpcHandlers } from './ipc/handlers';
import { consoleLog, type CoreLog } from './log';
import type { CredentialStore, Credentials } from './session/credential-store';
import { SessionManager } from './session/session-manager';
import { LocalStoreHandle } from './store/store-handle';
import { SuggestionService } from './suggestions/suggestion-service';
import { refreshTeamMembers } from './workflow/team-admin';
import { join } from 'node:path';
import { createMediaCache, DEFAULT_MEDIA_CACHE_BYTES } from './media/media-cache';
import { createOutboxFiles } from './outbox/outbox-files';
import { uploadBeforeSend } from './outbox/content-upload';
import { queuedFileName } from './outbox/enqueue-content';
import { listOutbox } from './store/outbox';

export interface CoreOptions {
  /** Where the local store lives (`inbox.sqlite`). */
  dataDir: string;
  credentials: CredentialStore;
  /** A demo relay started with the app; enables `session:signInDemo` (its lead token). */
  demo?: Credentials | null;
  /** The demo's agent token: `session:signInDemo` with role agent. */
  demoAgent?: Credentials | null;
  now?: () => number;
  log?: CoreLog;
  /** How much shown content is kept for offline use (default 512 MiB). */
  mediaCacheBytes?: number;
}

/** The desktop core: everything behind the IPC contract, whichever host carries it. */
export interface Core {
  /** Validates `rawInput` with the channel's schema, runs the handler and returns its output. */
  handle<C extends IpcChannel>(channel: C, rawInput: IpcInput<C>): Promise<IpcOutput<C>>;
  handle(channel: string, rawInput: unknown): Promise<unknown>;
  /** Coalesced notifications that parts of the local store changed; returns an unsubscribe function. */
  onChanged(listener: (event: IpcEvent) => void): () => void;
  close(): Promise<void>;
}

export class InvalidIpcInputError extends Error {}

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  const log = options.log ?? consoleLog;
  const notifier = new ChangeNotifier();
  const store = new LocalStoreHandle(options.dataDir, now);
  const suggestions = new SuggestionService({ db: () => store.current(), log, notify: (scopes) => notifier.notify(scopes) });
  const notify = (scopes: string[]): void => {
    notifier.notify(scopes);
    // New rules synced, or another store/session: prepare the suggestion index off the request path.
    if (scopes.includes('rules') || scopes.includes('learned') || scopes.includes('session') || scopes.includes('inbox')) suggestions.refresh();
  };
  // Photos and files queued to send wait here (offline too) until the relay has them.
  const outboxFiles = createOutboxFiles(join(options.dataDir, 'outbox-files'));
  const session: SessionManager = new SessionManager({
    store,
    credentials: options.credentials,
    demo: options.demo ?? null,
    demoAgent: options.demoAgent ?? null,
    now,
    log,
    notify,
    onOnline: () => {
      void refreshTeamMembers(() => store.current(), session)
        .then((refreshed) => refreshed && notify(['team']))
        .catch((error: unknown) => log.warn(`Team members not refreshed: ${error instanceof Error ? error.message : String(error)}`));
    },
    beforeSend: (mutation) =>
      uploadBeforeSend(mutation, {
        credentials: () => session.relayAccess().credentials(),
        files: outboxFiles,
        fileNameOf: (mutationId) => queuedFileName(store.current(), mutationId),
      }),
  });
  const mediaCache = createMediaCache({ dir: join(options.dataDir, 'media-cache'), maxBytes: options.mediaCacheBytes ?? DEFAULT_MEDIA_CACHE_BYTES, now });
  const handlers: IpcHandlers = createIpcHandlers({ store, session, now, notify, suggestions, mediaCache, outboxFiles });
  await session.resume();
  suggestions.refresh();
  // Files of content evicted or withdrawn while the app was closed (or of a replaced store).
  mediaCache.sweep(store.current()).catch((error: unknown) => log.warn(`Media cache sweep failed: ${error instanceof Error ? error.message : String(error)}`));
  // Files of sends the relay has (or that were dropped) are no longer needed.
  const waiting = new Set(listOutbox(store.current()).flatMap((row) => /"uploadId":"([\w-]+)"/.exec(row.payload)?.slice(1) ?? []));
  outboxFiles.sweep(waiting).catch((error: unknown) => log.warn(`Outbox file sweep failed: ${error instanceof Error ? error.message : String(error)}`));
  let closed = false;

  async function handle(channel: string, rawInput: unknown): Promise<unknown> {
    if (closed) throw new Error('The app is shutting down');
    if (!isIpcChannel(channel)) throw new InvalidIpcInputError(`Unknown channel "${channel}"`);
    const spec = ipcContract[channel];
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) {
      throw new InvalidIpcInputError(`Invalid input for ${channel}: ${z.prettifyError(input.error)}`);
    }
    const handler = handlers[channel] as (input: unknown) => unknown;
    const output = await handler(input.data);
    // The contract is the promise to the renderer: a mismatch is a bug here, reported as such.
    return spec.output.parse(output);
  }

  return {
    handle: handle as Core['handle'],
    onChanged: (listener) => notifier.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      await session.close();
      notifier.close();
      store.close();
    },
  };
}
