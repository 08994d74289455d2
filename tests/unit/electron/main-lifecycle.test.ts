import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../core/support/core-harness';

/** A fresh mocked `electron` per test: main.ts runs its lifecycle code when imported. */
function mockElectron(options: { gotLock: boolean; userData?: string }) {
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: Array<Record<string, unknown>> = [];
  const ipcChannels: string[] = [];
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => options.gotLock),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((name: string, listener: (...args: unknown[]) => void) => appListeners.set(name, listener)),
      whenReady: vi.fn(() => whenReady),
      getPath: vi.fn(() => options.userData ?? '/nonexistent-user-data'),
      getLocale: vi.fn(() => 'zh-TW'),
      isPackaged: false,
      setAppUserModelId: vi.fn(),
      setBadgeCount: vi.fn(),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
      setLoginItemSettings: vi.fn(),
    },
    BrowserWindow: class {
      static getAllWindows = () => windows;
      webContents = { send: vi.fn(), isDestroyed: () => false };
      constructor(windowOptions: Record<string, unknown>) {
        windows.push(windowOptions);
      }
      once() {}
      on() {}
      loadURL = vi.fn(async () => undefined);
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    Tray: class {
      on = vi.fn();
      setImage = vi.fn();
      setToolTip = vi.fn();
      setTitle = vi.fn();
      setContextMenu = vi.fn();
      destroy = vi.fn();
    },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    Notification: Object.assign(class {}, { isSupported: () => true }),
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn((channel: string) => ipcChannels.push(channel)), removeHandler: vi.fn() },
    shell: { openExternal: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
  };
  vi.doMock('electron', () => electron);
  return { electron, appListeners, windows, ipcChannels, ready };
}

const dirs: Array<{ remove(): void }> = [];
afterEach(() => {
  vi.doUnmock('electron');
  vi.resetModules();
  delete process.env.INBOX_DATA_DIR;
  dirs.splice(0).forEach((dir) => dir.remove());
});

describe('Electron main process', () => {
  it('a second instance quits at once and touches nothing', async () => {
    const { electron } = mockElectron({ gotLock: false });
    await import('../../../src/main/electron/main');
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('registers the scheme before ready, then starts the core, the IPC handlers and one secure window', async () => {
    const dir = tempDir('inbox-electron-');
    dirs.push(dir);
    process.env.INBOX_DATA_DIR = dir.path;
    const { electron, appListeners, windows, ipcChannels, ready } = mockElectron({ gotLock: true, userData: dir.path });
    await import('../../../src/main/electron/main');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(appListeners.has('web-contents-created')).toBe(true);
    expect(appListeners.has('second-instance')).toBe(true);
    expect(windows).toHaveLength(0);

    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ipcChannels).toContain('reply:send');
    expect(ipcChannels).toContain('desktop:notify');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(windows[0]?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });

    // Quitting waits for the core to close its store.
    const quitEvent = { preventDefault: vi.fn() };
    appListeners.get('will-quit')?.(quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
  });
});
