import type { DesktopCommand } from '../../shared/desktop/desktop-channels';

/**
 * Updates with electron-updater from the generic feed named at build time (SHOP_INBOX_UPDATE_URL, written
 * into app-update.yml) or at run time (the same variable). Downloads in the background, tells the page an
 * update is ready, and restarts only when the agent asked to and is not in the middle of a reply; otherwise
 * the update installs when the app quits.
 */

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown> | null;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateServiceDeps {
  updater: UpdaterLike;
  /** Only packaged apps update; a development run never does. */
  isPackaged: boolean;
  /** SHOP_INBOX_UPDATE_URL at run time, if set. */
  feedUrl: string | null;
  /** app-update.yml was written at build time (a feed was configured then). */
  hasBuiltInFeed: boolean;
  send(command: DesktopCommand): void;
  onReadyChange(ready: boolean): void;
  log(message: string): void;
  /** How often to look again; default every 4 hours. */
  intervalMs?: number;
}

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export function createUpdateService(deps: UpdateServiceDeps) {
  let readyVersion: string | null = null;
  let busy = false;
  let restartRequested = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  function restartIfIdle(): void {
    if (readyVersion && restartRequested && !busy) {
      deps.log(`[updates] restarting into ${readyVersion}`);
      deps.updater.quitAndInstall(false, true);
    }
  }

  function check(): void {
    void Promise.resolve(deps.updater.checkForUpdates()).catch((error: unknown) => deps.log(`[updates] check failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  return {
    /** Returns false (and says why once) when this app does not update. */
    start(): boolean {
      if (!deps.isPackaged) {
        deps.log('[updates] off: not a packaged app');
        return false;
      }
      if (deps.feedUrl) {
        if (!/^https:\/\//.test(deps.feedUrl)) {
          deps.log('[updates] off: SHOP_INBOX_UPDATE_URL must be an https:// URL');
          return false;
        }
        deps.updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });
      } else if (!deps.hasBuiltInFeed) {
        deps.log('[updates] off: no update feed (set SHOP_INBOX_UPDATE_URL when building or starting)');
        return false;
      }
      deps.updater.autoDownload = true;
      deps.updater.autoInstallOnAppQuit = true;
      deps.updater.on('error', (error) => deps.log(`[updates] ${error.message}`));
      deps.updater.on('update-downloaded', (info) => {
        readyVersion = info.version;
        deps.onReadyChange(true);
        deps.send({ type: 'updateReady', version: info.version });
        restartIfIdle();
      });
      check();
      timer = setInterval(check, deps.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
      timer.unref?.();
      return true;
    },
    /** The page says whether a reply is being written or is not yet accepted. */
    setBusy(value: boolean): void {
      busy = value;
      restartIfIdle();
    },
    /** "Restart to update": now if idle, else as soon as the reply is out. */
    requestRestart(): void {
      restartRequested = true;
      restartIfIdle();
    },
    readyVersion: () => readyVersion,
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
export type UpdateService = ReturnType<typeof createUpdateService>;
