import { BrowserWindow, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './app-protocol';

/** The security baseline of the renderer: isolated, sandboxed, no Node, web security on. */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** out/main/index.js → out/preload/index.js */
export function defaultPreloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.js');
}

export function createMainWindow(options: { preloadPath: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Shop Inbox',
    backgroundColor: '#ffffff',
    webPreferences: mainWindowWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
