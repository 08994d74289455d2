import { z } from 'zod';
import { ipcContract, isIpcChannel, type IpcChannel, type IpcEvent, type IpcInput, type IpcOutput } from '../../shared/ipc/contract';
import { ChangeNotifier } from './changes';
import { createIpcHandlers, type IpcHandlers } from './ipc/handlers';
import { consoleLog, type CoreLog } from './log';
import type { CredentialStore, Credentials } from './session/credential-store';
import { SessionManager } from './session/session-manager';
import { LocalStoreHandle } from './store/store-handle';
import { SuggestionService } from './suggestions/suggestion-service';

export interface CoreOptions {
  /** Where the local store lives (`inbox.sqlite`). */
  dataDir: string;
  credentials: CredentialStore;
  /** A demo relay started with the app; enables `session:signInDemo`. */
  demo?: Credentials | null;
  now?: () => number;
  log?: CoreLog;
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
  const session = new SessionManager({
    store,
    credentials: options.credentials,
    demo: options.demo ?? null,
    now,
    log,
    notify,
  });
  const handlers: IpcHandlers = createIpcHandlers({ store, session, now, notify, suggestions });
  await session.resume();
  suggestions.refresh();
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
