import { app, BrowserWindow, screen, session } from 'electron';
import { join } from 'node:path';
import { APP_ID } from '../../shared/desktop/app-identity';
import { createCore, type Core } from '../core';
import { ensurePrivateDir } from '../core/fs/private-files';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerDesktopHandlers } from './desktop-ipc';
import { startDesktopShell } from './desktop-shell-main';
import { defaultIconDir, ICON_FILES } from './icon-files';
import { registerIpcHandlers } from './ipc';
import { installAppSecurity, secureSession } from './security';
import { claimSingleInstance } from './single-instance';
import { createSafeStorageCredentialStore } from './token-vault';
import { createMainWindow, defaultPreloadPath, focusWindow } from './window';
import { readWindowState, restoreBounds, stateOf, WINDOW_STATE_FILENAME, writeWindowState } from './window-state';

/** Electron entry (built to out/main/index.js): one instance, one window, the core behind IPC, the tray. */

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** Closing the window hides it to the tray; only quitting (tray, menu, Cmd+Q) ends the app. */
let quitting = false;
const iconDir = defaultIconDir(__dirname);
/** `--smoke-test`: start, show the window, say so and quit (the packaging check of a built app). */
const smokeTest = process.argv.includes('--smoke-test');

/** The demo's lead sign-in (DEMO_AGENT_TOKEN) or, with `agent`, its agent sign-in (DEMO_AGENT_ROLE_TOKEN). */
function demoFromEnv(role: 'lead' | 'agent' = 'lead'): { relayUrl: string; token: string } | null {
  const relayUrl = process.env.DEMO_RELAY_URL;
  const token = role === 'lead' ? process.env.DEMO_AGENT_TOKEN : process.env.DEMO_AGENT_ROLE_TOKEN;
  return relayUrl && token ? { relayUrl, token } : null;
}

function openWindow(): void {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILENAME);
  const bounds = restoreBounds(
    readWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = createMainWindow({ preloadPath: defaultPreloadPath(__dirname), bounds, iconPath: join(iconDir, ICON_FILES.window) });
  mainWindow = window;
  window.on('close', (event) => {
    void writeWindowState(stateFile, stateOf(window)).catch(() => undefined);
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  if (smokeTest) {
    window.once('ready-to-show', () => {
      console.log('[shop-inbox] smoke test: window ready');
      quit();
    });
  }
}

function quit(): void {
  quitting = true;
  app.quit();
}

async function start(): Promise<void> {
  handleAppProtocol(join(__dirname, '..', 'renderer'));
  secureSession(session.defaultSession);
  const userData = app.getPath('userData');
  // Chromium's own files there (the renderer's localStorage with cart drafts, caches) are the shop's too.
  ensurePrivateDir(userData);
  core = await createCore({
    dataDir: process.env.INBOX_DATA_DIR ?? join(userData, 'inbox'),
    credentials: createSafeStorageCredentialStore(userData),
    demo: demoFromEnv(),
    demoAgent: demoFromEnv('agent'),
  });
  registerIpcHandlers(core, () => mainWindow?.webContents ?? null);
  const shell = startDesktopShell({ window: () => mainWindow, iconDir, quit });
  registerDesktopHandlers(shell);
  openWindow();
}

if (!claimSingleInstance(app, () => (mainWindow ? focusWindow(mainWindow) : undefined))) {
  // Two instances would fight over one SQLite store and one relay session: the first one is brought forward.
  app.quit();
} else {
  // Windows shows notifications and groups taskbar buttons by this id (the installer's app id).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  registerAppScheme();
  installAppSecurity();
  app.on('activate', () => {
    if (!core) return;
    if (mainWindow) focusWindow(mainWindow);
    else if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    // Let the core finish its SQLite work before the process exits.
    event.preventDefault();
    closing = true;
    void core.close().finally(() => {
      core = null;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`Shop Inbox could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
