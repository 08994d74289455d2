import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
});
vi.mock('electron', () => electron);

import type { MenuItemConstructorOptions } from 'electron';
import { shellText } from '../../../src/shared/desktop/shell-text';
import { SHORTCUTS } from '../../../src/shared/desktop/shortcuts';
import { DESKTOP_INVOKE_CHANNELS } from '../../../src/shared/desktop/desktop-channels';
import { applicationMenuTemplate, shortcutAccelerator } from '../../../src/main/electron/app-menu';
import { registerDesktopHandlers, type DesktopShellMain } from '../../../src/main/electron/desktop-ipc';
import { claimSingleInstance } from '../../../src/main/electron/single-instance';
import { createSystemNotifier } from '../../../src/main/electron/system-notifications';
import { trayIconFile, trayMenuTemplate, trayTitle, trayTooltip } from '../../../src/main/electron/tray';
import { showUnreadCount } from '../../../src/main/electron/unread-badge';
import { createUpdateService } from '../../../src/main/electron/updates';
import { focusWindow } from '../../../src/main/electron/window';
import { restoreBounds } from '../../../src/main/electron/window-state';

const zh = shellText('zh-TW');
const en = shellText('en');

describe('unread badge', () => {
  function deps(platform: NodeJS.Platform) {
    const window = { setOverlayIcon: vi.fn(), isDestroyed: () => false };
    const app = { setBadgeCount: vi.fn(() => true) };
    return { app, window, platform, icon: (file: string) => ({ file }) as never, describe: (count: number) => zh('badge.description', { count }) };
  }

  it('macOS and Linux: the dock / launcher badge count', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const d = deps(platform);
      showUnreadCount(3, d);
      showUnreadCount(0, d);
      expect(d.app.setBadgeCount.mock.calls).toEqual([[3], [0]]);
      expect(d.window.setOverlayIcon).not.toHaveBeenCalled();
    }
  });

  it('Windows: the taskbar overlay with the count (9+ beyond nine), described for screen readers, removed at zero', () => {
    const d = deps('win32');
    showUnreadCount(3, d);
    showUnreadCount(12, d);
    showUnreadCount(0, d);
    expect(d.window.setOverlayIcon.mock.calls).toEqual([
      [{ file: 'overlay-3.png' }, '3 則未讀訊息'],
      [{ file: 'overlay-9plus.png' }, '12 則未讀訊息'],
      [null, ''],
    ]);
    expect(d.app.setBadgeCount).not.toHaveBeenCalled();
  });
});

describe('tray', () => {
  const actions = { open: vi.fn(), setAvailability: vi.fn(), restartToUpdate: vi.fn(), quit: vi.fn() };
  const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

  it('has open, online / away and quit, in the agent’s language, with the availability checked', () => {
    const menu = trayMenuTemplate({ unread: 2, availability: 'away', updateReady: false }, zh, actions);
    const labelled = menu.filter((item) => item.label);
    expect(labelled.map((item) => item.label)).toEqual(['開啟店家收件匣', '上線', '離開（不跳出通知）', '結束']);
    expect(labelled.filter((item) => item.type === 'radio').map((item) => item.checked)).toEqual([false, true]);
    expect(trayMenuTemplate({ unread: 0, availability: 'online', updateReady: false }, en, actions).filter((item) => item.label).map((item) => item.label)).toEqual([
      'Open Shop Inbox',
      'Online',
      'Away (no notifications)',
      'Quit',
    ]);
    labelled.forEach(click);
    expect(actions.open).toHaveBeenCalledTimes(1);
    expect(actions.setAvailability.mock.calls).toEqual([['online'], ['away']]);
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('offers the restart once an update is ready', () => {
    const menu = trayMenuTemplate({ unread: 0, availability: 'online', updateReady: true }, en, actions);
    const restart = menu.find((item) => item.label === 'Restart to finish the update')!;
    click(restart);
    expect(actions.restartToUpdate).toHaveBeenCalled();
  });

  it('shows unread and away in its picture, tooltip and (macOS) title', () => {
    const unread = { unread: 4, availability: 'online' as const, updateReady: false };
    expect(trayIconFile(unread, 'win32')).toBe('tray-unread.png');
    expect(trayIconFile({ ...unread, unread: 0 }, 'linux')).toBe('tray.png');
    expect(trayIconFile(unread, 'darwin')).toBe('trayTemplate.png');
    expect(trayTitle(unread, 'darwin')).toBe('4');
    expect(trayTitle(unread, 'win32')).toBe('');
    expect(trayTooltip(unread, zh)).toBe('店家收件匣：4 則未讀');
    expect(trayTooltip({ ...unread, availability: 'away' }, en)).toBe('Shop Inbox (away)');
  });
});

describe('system notifications', () => {
  function fakeNotification() {
    const listeners = new Map<string, () => void>();
    return { listeners, on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)), show: vi.fn(), close: vi.fn() };
  }

  it('a click focuses the window and opens that conversation; one notification per tag', () => {
    const created: Array<ReturnType<typeof fakeNotification>> = [];
    const options: unknown[] = [];
    const focus = vi.fn();
    const send = vi.fn();
    const notifier = createSystemNotifier({
      create: (settings) => {
        options.push(settings);
        const note = fakeNotification();
        created.push(note);
        return note;
      },
      isSupported: () => true,
      focusWindow: focus,
      send,
      iconPath: '/app/out/icons/window.png',
    });
    notifier.show({ tag: 'line:U1', title: '林佳蓉 · LINE', body: '想改地址', conversationId: 'line:U1', sound: false });
    notifier.show({ tag: 'line:U1', title: '林佳蓉 · LINE', body: '改到台中', conversationId: 'line:U1', sound: true });
    expect(created[0]!.close).toHaveBeenCalled();
    expect(created[1]!.show).toHaveBeenCalled();
    expect(options[1]).toEqual({ title: '林佳蓉 · LINE', body: '改到台中', silent: false, icon: '/app/out/icons/window.png' });
    expect(notifier.openTags()).toEqual(['line:U1']);

    created[1]!.listeners.get('click')!();
    expect(focus).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith({ type: 'openConversation', conversationId: 'line:U1' });
    created[1]!.listeners.get('close')!();
    expect(notifier.openTags()).toEqual([]);
  });

  it('shows nothing where the system has no notifications', () => {
    const create = vi.fn();
    createSystemNotifier({ create, isSupported: () => false, focusWindow: vi.fn(), send: vi.fn() }).show({ tag: 't', title: 'x', body: 'y', conversationId: 'c', sound: false });
    expect(create).not.toHaveBeenCalled();
  });
});

describe('single instance', () => {
  it('the second launch quits and the first one comes forward', () => {
    const listeners = new Map<string, () => void>();
    const app = { requestSingleInstanceLock: vi.fn(() => true), on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)) };
    const forward = vi.fn();
    expect(claimSingleInstance(app as never, forward)).toBe(true);
    listeners.get('second-instance')!();
    expect(forward).toHaveBeenCalledTimes(1);

    const second = { requestSingleInstanceLock: vi.fn(() => false), on: vi.fn() };
    expect(claimSingleInstance(second as never, forward)).toBe(false);
    expect(second.on).not.toHaveBeenCalled();
  });

  it('bringing forward restores a minimized or hidden window and focuses it', () => {
    const window = { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    focusWindow(window);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});

describe('application menu', () => {
  const actions = (runShortcut = vi.fn()) => ({
    runShortcut,
    startAtLogin: { supported: true, enabled: true, set: vi.fn() },
    quit: vi.fn(),
  });
  const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);
  const submenu = (template: MenuItemConstructorOptions[], label: string) => template.find((item) => item.label === label)!.submenu as MenuItemConstructorOptions[];

  it('is in zh-TW and English, with copy/paste roles', () => {
    expect(labels(applicationMenuTemplate(zh, 'win32', actions()))).toEqual(['店家收件匣', '編輯', '檢視', '前往', '對話', '視窗', '說明']);
    expect(labels(applicationMenuTemplate(en, 'darwin', actions()))).toEqual(['Shop Inbox', 'Edit', 'View', 'Go', 'Conversation', 'Window', 'Help']);
    const edit = submenu(applicationMenuTemplate(zh, 'darwin', actions()), '編輯');
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(submenu(applicationMenuTemplate(zh, 'win32', actions()), '店家收件匣').find((item) => item.type === 'checkbox')).toMatchObject({ label: '開機時自動開啟', checked: true });
  });

  it('lists the shortcuts with their keys and runs them in the page; the keys stay the page’s own', () => {
    const run = vi.fn();
    const template = applicationMenuTemplate(zh, 'win32', actions(run));
    const go = submenu(template, '前往');
    expect(go.map((item) => [item.label, item.accelerator, item.registerAccelerator])).toEqual([
      ['上一則對話', 'Alt+Up', false],
      ['下一則對話', 'Alt+Down', false],
      ['下一位等待回覆的顧客', 'Alt+Shift+Down', false],
      ['搜尋對話', 'CmdOrCtrl+K', false],
      ['開啟訂單', 'Alt+O', false],
      ['開啟待傳送清單', 'O', false],
    ]);
    (go[2]!.click as unknown as () => void)();
    expect(run).toHaveBeenCalledWith('conversation.nextUnanswered');
    const listed = [...go, ...submenu(template, '對話'), ...submenu(template, '說明')].map((item) => item.id);
    expect(listed.sort()).toEqual(SHORTCUTS.filter((shortcut) => shortcut.menu).map((shortcut) => `shortcut:${shortcut.id}`).sort());
  });

  it('offers "mark done" and "assign to me" in the conversation menu', () => {
    const conversationMenu = submenu(applicationMenuTemplate(zh, 'win32', actions()), '對話');
    const item = (id: string) => conversationMenu.find((entry) => entry.id === `shortcut:${id}`)!;
    expect(item('conversation.markDone')).toMatchObject({ label: '標記為已完成', accelerator: 'Alt+D' });
    expect(item('conversation.markDone').visible).not.toBe(false);
    expect(item('conversation.assignMe')).toMatchObject({ label: '指派給我', accelerator: 'Alt+A' });
  });

  it('on macOS registers only ⌘ chords (never a plain key or Option chord that would take typing or an IME)', () => {
    for (const shortcut of SHORTCUTS) {
      const accelerator = shortcutAccelerator(shortcut, 'darwin').accelerator;
      if (accelerator) expect(accelerator, shortcut.id).toMatch(/^CmdOrCtrl\+[^+]+$/);
    }
    expect(shortcutAccelerator(SHORTCUTS.find((s) => s.id === 'search')!, 'darwin')).toEqual({ accelerator: 'CmdOrCtrl+K' });
    expect(shortcutAccelerator(SHORTCUTS.find((s) => s.id === 'tags.add')!, 'darwin')).toEqual({});
  });
});

describe('updates', () => {
  function updater() {
    const listeners = new Map<string, (arg: never) => void>();
    return {
      listeners,
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: vi.fn(),
      checkForUpdates: vi.fn(async () => null),
      quitAndInstall: vi.fn(),
      on: vi.fn((event: string, listener: (arg: never) => void) => listeners.set(event, listener)),
    };
  }
  const base = (u: ReturnType<typeof updater>, more: Partial<Parameters<typeof createUpdateService>[0]> = {}) => ({
    updater: u as never,
    isPackaged: true,
    feedUrl: null,
    hasBuiltInFeed: true,
    send: vi.fn(),
    onReadyChange: vi.fn(),
    log: vi.fn(),
    intervalMs: 3_600_000,
    ...more,
  });

  it('stays off (and says why) in development, without a feed, or with a plain-http feed', () => {
    for (const more of [{ isPackaged: false }, { hasBuiltInFeed: false }, { hasBuiltInFeed: false, feedUrl: 'http://updates.shop.tw' }]) {
      const u = updater();
      const deps = base(u, more);
      expect(createUpdateService(deps).start()).toBe(false);
      expect(u.checkForUpdates).not.toHaveBeenCalled();
      expect(deps.log).toHaveBeenCalledWith(expect.stringMatching(/^\[updates\] off:/));
    }
  });

  it('uses the configured feed URL, downloads, says "ready" and never restarts in the middle of a reply', () => {
    const u = updater();
    const deps = base(u, { feedUrl: 'https://updates.shop.tw/inbox', hasBuiltInFeed: false });
    const service = createUpdateService(deps);
    expect(service.start()).toBe(true);
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.shop.tw/inbox' });
    expect(u.autoDownload).toBe(true);
    expect(u.autoInstallOnAppQuit).toBe(true);
    expect(u.checkForUpdates).toHaveBeenCalled();

    service.setBusy(true); // typing a reply
    (u.listeners.get('update-downloaded') as unknown as (info: { version: string }) => void)({ version: '0.2.0' });
    expect(deps.send).toHaveBeenCalledWith({ type: 'updateReady', version: '0.2.0' });
    expect(deps.onReadyChange).toHaveBeenCalledWith(true);
    service.requestRestart();
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    service.setBusy(false); // the reply went out
    expect(u.quitAndInstall).toHaveBeenCalledWith(false, true);
    service.stop();
  });

  it('an idle agent’s restart happens at once, and nothing restarts before an update is ready', () => {
    const u = updater();
    const service = createUpdateService(base(u));
    service.start();
    service.requestRestart();
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    (u.listeners.get('update-downloaded') as unknown as (info: { version: string }) => void)({ version: '0.3.0' });
    expect(u.quitAndInstall).toHaveBeenCalledTimes(1);
    service.stop();
  });
});

describe('window place', () => {
  const screenArea = { x: 0, y: 0, width: 1920, height: 1080 };

  it('reopens where it was, kept on a screen that exists now', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1200, height: 800, maximized: true }, [screenArea])).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
    // A window partly off the right edge moves back; one bigger than the screen shrinks to it.
    expect(restoreBounds({ x: 1500, y: 0, width: 1200, height: 2000, maximized: false }, [screenArea])).toEqual({ x: 720, y: 0, width: 1200, height: 1080, maximized: false });
  });

  it('a window left on an unplugged monitor opens centred; an unreadable file gives the default', () => {
    expect(restoreBounds({ x: 3000, y: 100, width: 1000, height: 700, maximized: false }, [screenArea])).toEqual({ width: 1000, height: 700, maximized: false });
    expect(restoreBounds('garbage', [screenArea])).toEqual({ width: 1280, height: 820, maximized: false });
    expect(restoreBounds({ x: 0, y: 0, width: -5, height: 10 }, [screenArea])).toEqual({ width: 1280, height: 820, maximized: false });
  });
});

describe('desktop IPC', () => {
  function shell(): DesktopShellMain & Record<string, ReturnType<typeof vi.fn>> {
    const names = ['notify', 'closeNotification', 'setUnreadCount', 'setAvailability', 'setLanguage', 'setBusy', 'restartToUpdate', 'getStartAtLogin', 'setStartAtLogin'];
    return Object.fromEntries(names.map((name) => [name, vi.fn(() => (name === 'getStartAtLogin' ? true : undefined))])) as never;
  }
  const trusted = { senderFrame: { url: 'app://shop-inbox/index.html' } };

  it('registers every desktop channel, refuses other frames and malformed input, and hands valid calls to the shell', async () => {
    electron.handlers.clear();
    const main = shell();
    const dispose = registerDesktopHandlers(main);
    expect([...electron.handlers.keys()].sort()).toEqual([...DESKTOP_INVOKE_CHANNELS].sort());
    const call = (channel: string, input: unknown, event: unknown = trusted) => electron.handlers.get(channel)!(event, input);

    expect(() => call('desktop:setUnreadCount', { count: 3 }, { senderFrame: { url: 'https://evil.example/' } })).toThrow(/did not come from the Shop Inbox window/);
    expect(() => call('desktop:setUnreadCount', { count: -1 })).toThrow(/Invalid input/);
    expect(() => call('desktop:notify', { tag: 't', title: 'x'.repeat(1000), body: '', conversationId: 'c', sound: false })).toThrow(/Invalid input/);
    expect(main.setUnreadCount).not.toHaveBeenCalled();

    call('desktop:setUnreadCount', { count: 3 });
    call('desktop:notify', { tag: 'line:U1', title: '林佳蓉 · LINE', body: '想改地址', conversationId: 'line:U1', sound: true });
    call('desktop:setAvailability', { availability: 'away' });
    expect(call('desktop:getStartAtLogin', {})).toBe(true);
    expect(main.setUnreadCount).toHaveBeenCalledWith(3);
    expect(main.notify).toHaveBeenCalledWith({ tag: 'line:U1', title: '林佳蓉 · LINE', body: '想改地址', conversationId: 'line:U1', sound: true });
    expect(main.setAvailability).toHaveBeenCalledWith('away');
    dispose();
    expect(electron.handlers.size).toBe(0);
  });
});
