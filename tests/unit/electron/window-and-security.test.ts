import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; url: string | null }> = [];
  class FakeBrowserWindow {
    readonly record: { options: Record<string, unknown>; url: string | null };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null };
      windows.push(this.record);
    }
    once(): this {
      return this;
    }
    on(): this {
      return this;
    }
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    windows,
    BrowserWindow: FakeBrowserWindow,
    shell: { openExternal: vi.fn(async () => undefined) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    app: { on: vi.fn() },
  };
});
vi.mock('electron', () => electron);

import { createMainWindow, defaultPreloadPath, mainWindowWebPreferences } from '../../../src/main/electron/window';
import {
  decideWindowOpen,
  isAllowedExternalUrl,
  preventForeignNavigation,
  secureSession,
  secureWebContents,
} from '../../../src/main/electron/security';
import {
  APP_ENTRY_URL,
  ELECTRON_CSP,
  isAppUrl,
  registerAppScheme,
  respondToAppRequest,
} from '../../../src/main/electron/app-protocol';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../core/support/core-harness';

beforeEach(() => {
  electron.windows.length = 0;
  electron.shell.openExternal.mockClear();
});

describe('main window', () => {
  it('is isolated, sandboxed, without Node, and loads the app:// entry with the preload', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.js' });
    const [window] = electron.windows;
    expect(window?.url).toBe('app://shop-inbox/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(mainWindowWebPreferences('x')).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(defaultPreloadPath('/app/out/main')).toBe('/app/out/preload/index.js');
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation away from the app origin', () => {
    const cases: Array<[string, boolean]> = [
      ['app://shop-inbox/index.html', false],
      ['app://shop-inbox/settings', false],
      ['app://evil/index.html', true],
      ['https://line.me/', true],
      ['file:///etc/passwd', true],
      ['http://127.0.0.1:8787/', true],
    ];
    for (const [url, blocked] of cases) {
      const event = { preventDefault: vi.fn() };
      preventForeignNavigation(event, url);
      expect(event.preventDefault.mock.calls.length > 0, url).toBe(blocked);
    }
  });

  it('denies every window.open and hands only allowlisted https URLs to the system browser', () => {
    expect(decideWindowOpen({ url: 'https://manager.line.biz/account' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://manager.line.biz/account');
    for (const url of [
      'http://line.me/',
      'https://evil.example/',
      'https://line.me.evil.example/',
      'https://user:pw@line.me/',
      'javascript:alert(1)',
      'file:///C:/Windows',
      'not a url',
    ]) {
      expect(decideWindowOpen({ url })).toEqual({ action: 'deny' });
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('wires the handlers onto web contents, blocks webviews and denies permissions', () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => unknown) | null = null;
    const contents = {
      on: (name: string, listener: (...args: unknown[]) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (openHandler = handler),
    };
    secureWebContents(contents as never);
    const navigation = { preventDefault: vi.fn() };
    listeners.get('will-navigate')?.(navigation, 'https://phishing.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    listeners.get('will-redirect')?.(redirect, 'https://phishing.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });

    let requestHandler: ((c: unknown, p: string, cb: (allowed: boolean) => void, details: { requestingUrl?: string }) => void) | null = null;
    let checkHandler: ((c: unknown, p: string, origin: string) => boolean) | null = null;
    secureSession({
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as never);
    const decide = (permission: string, requestingUrl: string) => {
      const decision = vi.fn();
      requestHandler!(null, permission, decision, { requestingUrl });
      return decision.mock.calls[0]?.[0] as boolean;
    };
    // Only notifications, only for the app's own page.
    expect(decide('notifications', 'app://shop-inbox/index.html')).toBe(true);
    expect(decide('notifications', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fullscreen']) {
      expect(decide(permission, 'app://shop-inbox/index.html'), permission).toBe(false);
      expect(checkHandler!(null, permission, 'app://shop-inbox'), permission).toBe(false);
    }
    expect(checkHandler!(null, 'notifications', 'app://shop-inbox')).toBe(true);
    expect(checkHandler!(null, 'notifications', 'https://line.me')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it('serves renderer files with the CSP and refuses other hosts and traversal', async () => {
    const dir = tempDir('inbox-app-');
    try {
      const rendererDir = join(dir.path, 'renderer');
      mkdirSync(rendererDir);
      writeFileSync(join(rendererDir, 'index.html'), '<title>Shop Inbox</title>');
      writeFileSync(join(dir.path, 'secret.txt'), 'TOP SECRET');
      const page = await respondToAppRequest(rendererDir, 'app://shop-inbox/index.html');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
      expect(ELECTRON_CSP).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; media-src 'self' blob:; " +
          "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(await page.text()).toContain('Shop Inbox');
      expect((await respondToAppRequest(rendererDir, 'app://shop-inbox/')).status).toBe(200);
      expect((await respondToAppRequest(rendererDir, 'app://shop-inbox/%2e%2e/secret.txt')).status).toBe(404);
      expect((await respondToAppRequest(rendererDir, 'app://other/index.html')).status).toBe(404);
    } finally {
      dir.remove();
    }
  });
});
