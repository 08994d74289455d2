import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core';
import { ensurePrivateDir } from '../core/fs/private-files';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { installAppSecurity, secureSession } from './security';
import { createSafeStorageCredentialStore } from './token-vault';
import { createMainWindow, defaultPreloadPath } from './window';

/** Electron entry (built to out/main/index.js): one instance, one window, the core behind IPC. */

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

/** The demo's lead sign-in (DEMO_AGENT_TOKEN) or, with `agent`, its agent sign-in (DEMO_AGENT_ROLE_TOKEN). */
function demoFromEnv(role: 'lead' | 'agent' = 'lead'): { relayUrl: string; token: string } | null {
  const relayUrl = process.env.DEMO_RELAY_URL;
  const token = role === 'lead' ? process.env.DEMO_AGENT_TOKEN : process.env.DEMO_AGENT_ROLE_TOKEN;
  return relayUrl && token ? { relayUrl, token } : null;
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: defaultPreloadPath(__dirname) });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
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
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over one SQLite store and one relay session.
  app.quit();
} else {
  registerAppScheme();
  installAppSecurity();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
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
