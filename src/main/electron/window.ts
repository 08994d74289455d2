import { BrowserWindow, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './app-protocol';
import { MIN_WINDOW_SIZE, type RestoredBounds } from './window-state';

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
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** out/main/index.js → out/preload/index.js */
export function defaultPreloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.js');
}

export function createMainWindow(options: { preloadPath: string; bounds?: RestoredBounds; iconPath?: string }): BrowserWindow {
  const bounds = options.bounds ?? { width: 1280, height: 820, maximized: false };
  const window = new BrowserWindow({
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Shop Inbox',
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: mainWindowWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings the window to the front: restored if minimized, shown if hidden (closed to the tray), focused. */
export function focusWindow(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'> | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
