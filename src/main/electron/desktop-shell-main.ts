import { app, Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP_COMMAND_CHANNEL, type Availability, type DesktopCommand } from '../../shared/desktop/desktop-channels';
import { shellLanguageForLocale, shellText, type ShellLanguage } from '../../shared/desktop/shell-text';
import { applicationMenuTemplate } from './app-menu';
import type { DesktopShellMain } from './desktop-ipc';
import { ICON_FILES } from './icon-files';
import { createSystemNotifier } from './system-notifications';
import { trayIconFile, trayMenuTemplate, trayTitle, trayTooltip, type TrayState } from './tray';
import { showUnreadCount } from './unread-badge';
import { createUpdateService, type UpdaterLike } from './updates';
import { focusWindow } from './window';

/**
 * The desktop around the window: tray or menu-bar icon, application menu, unread badge, system
 * notifications, start at login and updates, kept in step with what the page reports.
 */
export function startDesktopShell(options: {
  window: () => BrowserWindow | null;
  iconDir: string;
  platform?: NodeJS.Platform;
  quit(): void;
  log?: (message: string) => void;
}): DesktopShellMain & { dispose(): void } {
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((message: string) => console.log(message));
  const state: TrayState & { language: ShellLanguage } = {
    unread: 0,
    availability: 'online',
    updateReady: false,
    language: shellLanguageForLocale(app.getLocale()),
  };
  const text = () => shellText(state.language);
  const icon = (file: string) => nativeImage.createFromPath(join(options.iconDir, file));
  const send = (command: DesktopCommand) => {
    const contents = options.window()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(DESKTOP_COMMAND_CHANNEL, command);
  };
  const show = () => focusWindow(options.window());

  const notifier = createSystemNotifier({
    create: (notificationOptions) => new Notification(notificationOptions),
    isSupported: () => Notification.isSupported(),
    focusWindow: show,
    send,
    iconPath: join(options.iconDir, ICON_FILES.window),
  });

  const loginItemSupported = platform === 'darwin' || platform === 'win32';
  const startAtLogin = {
    get: () => loginItemSupported && app.getLoginItemSettings().openAtLogin,
    set: (enabled: boolean) => {
      if (!loginItemSupported) return;
      app.setLoginItemSettings({ openAtLogin: enabled });
      refreshMenu();
    },
  };

  const updates = createUpdateService({
    updater: lazyUpdater(),
    isPackaged: app.isPackaged,
    feedUrl: process.env.SHOP_INBOX_UPDATE_URL?.trim() || null,
    hasBuiltInFeed: existsSync(join(process.resourcesPath ?? '', 'app-update.yml')),
    send,
    onReadyChange: (ready) => {
      state.updateReady = ready;
      refreshTray();
    },
    log,
  });

  const tray = new Tray(icon(trayIconFile(state, platform)));
  // Windows and Linux open the window on a click; macOS shows the menu, as menu-bar apps do.
  if (platform !== 'darwin') tray.on('click', show);

  function setAvailability(availability: Availability, fromTray: boolean): void {
    state.availability = availability;
    refreshTray();
    if (fromTray) send({ type: 'availability', availability });
  }

  function refreshTray(): void {
    tray.setImage(icon(trayIconFile(state, platform)));
    tray.setToolTip(trayTooltip(state, text()));
    if (platform === 'darwin') tray.setTitle(trayTitle(state, platform));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(state, text(), {
          open: show,
          setAvailability: (availability) => setAvailability(availability, true),
          restartToUpdate: () => updates.requestRestart(),
          quit: options.quit,
        }),
      ),
    );
  }

  function refreshMenu(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate(text(), platform, {
          runShortcut: (id) => {
            show();
            send({ type: 'shortcut', id });
          },
          startAtLogin: { supported: loginItemSupported, enabled: startAtLogin.get(), set: startAtLogin.set },
          quit: options.quit,
        }),
      ),
    );
  }

  refreshTray();
  refreshMenu();
  updates.start();

  return {
    notify: (notification) => notifier.show(notification),
    closeNotification: (tag) => notifier.close(tag),
    setUnreadCount(count) {
      state.unread = count;
      showUnreadCount(count, { app, window: options.window(), platform, icon, describe: (n) => text()('badge.description', { count: n }) });
      refreshTray();
    },
    setAvailability: (availability) => setAvailability(availability, false),
    setLanguage(language) {
      if (language === state.language) return;
      state.language = language;
      refreshTray();
      refreshMenu();
    },
    setBusy: (busy) => updates.setBusy(busy),
    restartToUpdate: () => updates.requestRestart(),
    getStartAtLogin: () => startAtLogin.get(),
    setStartAtLogin: (enabled) => startAtLogin.set(enabled),
    dispose() {
      updates.stop();
      tray.destroy();
    },
  };
}

/**
 * electron-updater is loaded only by a packaged app that updates: it reads files of the packed app at
 * load, and development runs and tests never need it.
 */
function lazyUpdater(): UpdaterLike {
  let loaded: UpdaterLike | null = null;
  const real = (): UpdaterLike => (loaded ??= (require('electron-updater') as { autoUpdater: UpdaterLike }).autoUpdater);
  return {
    get autoDownload() {
      return real().autoDownload;
    },
    set autoDownload(value: boolean) {
      real().autoDownload = value;
    },
    get autoInstallOnAppQuit() {
      return real().autoInstallOnAppQuit;
    },
    set autoInstallOnAppQuit(value: boolean) {
      real().autoInstallOnAppQuit = value;
    },
    setFeedURL: (feed) => real().setFeedURL(feed),
    checkForUpdates: () => real().checkForUpdates(),
    quitAndInstall: (silent, runAfter) => real().quitAndInstall(silent, runAfter),
    on: ((event: 'error', listener: (error: Error) => void) => real().on(event, listener)) as UpdaterLike['on'],
  };
}
