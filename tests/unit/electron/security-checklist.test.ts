import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security), one test per item that
 * applies; docs/security.md says how each is met and names the test here. Each test fails if its item
 * regresses.
 */

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    handlers,
    openExternal: vi.fn(async () => undefined),
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    app: { on: vi.fn() },
  };
});
vi.mock('electron', () => ({ ...electron, shell: { openExternal: electron.openExternal } }));

import { FUSES } from '../../../electron-builder.config';
import { ELECTRON_CSP, isAppUrl, registerAppScheme } from '../../../src/main/electron/app-protocol';
import { registerDesktopHandlers } from '../../../src/main/electron/desktop-ipc';
import { registerIpcHandlers } from '../../../src/main/electron/ipc';
import { decideWindowOpen, isPermissionAllowed, preventForeignNavigation, secureSession, secureWebContents } from '../../../src/main/electron/security';
import { mainWindowWebPreferences } from '../../../src/main/electron/window';

const ROOT = resolve(__dirname, '..', '..', '..');
const preferences = mainWindowWebPreferences('/app/out/preload/index.js');
const APP_FRAME = { senderFrame: { url: 'app://shop-inbox/index.html' } };
const FOREIGN_FRAMES = [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: { url: 'file:///tmp/x.html' } }, { senderFrame: null }];

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function wire(contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }) {
  secureWebContents(contents as never);
  const listeners = new Map(contents.on.mock.calls.map(([name, listener]) => [name as string, listener as (...args: unknown[]) => void]));
  return { listeners, openHandler: contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => { action: string } };
}

beforeEach(() => {
  electron.handlers.clear();
  electron.openExternal.mockClear();
  electron.contextBridge.exposeInMainWorld.mockClear();
});

describe('Electron security checklist', () => {
  it('1. only secure content: the page and its scripts come from app:// only, never from the network', () => {
    const csp = directives(ELECTRON_CSP);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // Profile pictures and sticker images are the only remote resources, and only over https; blob: is content the
    // core loaded for the page (photos, players), which the page never fetches itself.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(isAppUrl('app://shop-inbox/index.html')).toBe(true);
    expect(isAppUrl('http://shop-inbox/index.html')).toBe(false);
  });

  it('2. no Node.js integration in the page, its workers or frames', () => {
    expect(preferences).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it('3. context isolation', () => {
    expect(preferences.contextIsolation).toBe(true);
  });

  it('4. process sandbox', () => {
    expect(preferences.sandbox).toBe(true);
  });

  it('5. permission requests: only notifications, only for the app itself', () => {
    expect(isPermissionAllowed('notifications', 'app://shop-inbox/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://line.me/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'midi', 'pointerLock', 'openExternal', 'clipboard-read', 'display-capture', 'usb', 'hid', 'serial']) {
      expect(isPermissionAllowed(permission, 'app://shop-inbox/index.html'), permission).toBe(false);
    }
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    secureSession(session as never);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(expect.any(Function));
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(expect.any(Function));
  });

  it('6. web security stays on', () => {
    expect(preferences.webSecurity).toBe(true);
  });

  it('7. a Content Security Policy on the app protocol (and in the page)', () => {
    const csp = directives(ELECTRON_CSP);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(ELECTRON_CSP).not.toMatch(/unsafe-eval|\*/);
    expect(readFileSync(join(ROOT, 'src', 'renderer', 'index.html'), 'utf8')).toMatch(/http-equiv="Content-Security-Policy"[\s\S]*script-src 'self'/);
  });

  it('8. no insecure content mixed in', () => {
    expect(preferences.allowRunningInsecureContent).toBe(false);
  });

  it('9. no experimental features', () => {
    expect(preferences.experimentalFeatures).toBe(false);
  });

  it('10. no enableBlinkFeatures', () => {
    expect(preferences.enableBlinkFeatures ?? '').toBe('');
  });

  it('11–12. no <webview>: the tag is off and any attempt to attach one is stopped', () => {
    expect(preferences.webviewTag).toBe(false);
    const { listeners } = wire();
    const attach = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('13. navigation limited to the app itself', () => {
    const { listeners } = wire();
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      listeners.get(event)!(away, 'https://evil.example/');
      expect(away.preventDefault, event).toHaveBeenCalled();
    }
    const inside = { preventDefault: vi.fn() };
    preventForeignNavigation(inside, 'app://shop-inbox/index.html#orders');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('14. no new windows', () => {
    const { openHandler } = wire();
    for (const url of ['https://evil.example/', 'app://shop-inbox/index.html', 'https://line.me/']) expect(openHandler({ url })).toEqual({ action: 'deny' });
  });

  it('15. openExternal only for https URLs on the allowlist', () => {
    decideWindowOpen({ url: 'https://manager.line.biz/' });
    for (const url of ['http://line.me/', 'file:///etc/passwd', 'smb://host/share', 'https://evil.example/', 'javascript:alert(1)', 'https://line.me.evil.example/']) decideWindowOpen({ url });
    expect(electron.openExternal.mock.calls).toEqual([['https://manager.line.biz/']]);
  });

  it('16. a current Electron: the one installed is the one the project names, and not older than 45', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const major = Number(installed.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(45);
    expect(pkg.devDependencies.electron).toMatch(new RegExp(`^\\^?${major}\\.`));
  });

  it('17. every IPC call checks its sender frame: core and desktop channels alike', async () => {
    const core = { handle: vi.fn(async () => 'ok'), onChanged: vi.fn(() => () => undefined), close: vi.fn() };
    registerIpcHandlers(core as never, () => null);
    const shell = new Proxy({}, { get: () => vi.fn() });
    registerDesktopHandlers(shell as never);
    expect(electron.handlers.size).toBeGreaterThan(50);
    for (const [channel, handler] of electron.handlers) {
      for (const frame of FOREIGN_FRAMES) {
        await expect(Promise.resolve().then(() => handler(frame, {})), channel).rejects.toThrow(/did not come from the Shop Inbox window/);
      }
    }
    expect(core.handle).not.toHaveBeenCalled();
    await expect(Promise.resolve(electron.handlers.get('session:get')!(APP_FRAME, {}))).resolves.toBe('ok');
  });

  it('18. no file:// — the page is served from the app:// scheme, and file:// gets no extra privileges', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(FUSES.grantFileProtocolExtraPrivileges).toBe(false);
    expect(readFileSync(join(ROOT, 'src', 'main', 'electron', 'window.ts'), 'utf8')).not.toMatch(/loadFile|file:\/\//);
  });

  it('19. fuses: no RunAsNode, NODE_OPTIONS or inspect; cookies encrypted; asar integrity checked and asar only', () => {
    expect(FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. no Electron API reaches the page: the preload exposes two objects of plain functions', async () => {
    vi.resetModules();
    await import('../../../src/preload/index');
    const exposed = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as Array<[string, Record<string, unknown>]>;
    expect(exposed.map(([name]) => name)).toEqual(['inbox', 'desktop']);
    for (const [, api] of exposed) {
      for (const value of Object.values(api)) {
        expect(typeof value).toBe('function');
        expect(Object.values(electron.ipcRenderer)).not.toContain(value);
      }
      expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    }
  });
});

describe('docs/security.md', () => {
  it('names a test of this file for each checklist item, and every named test exists', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'security.md'), 'utf8');
    const source = readFileSync(__filename, 'utf8');
    const named = [...doc.matchAll(/`(\d+(?:–\d+)?\. [^`]+)`/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThanOrEqual(19);
    for (const name of named) expect(source, name).toContain(`it('${name}'`);
  });
});
