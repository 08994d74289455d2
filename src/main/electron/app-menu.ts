import type { MenuItemConstructorOptions } from 'electron';
import { SHORTCUTS, chordAccelerator, type ShortcutDefinition, type ShortcutId, type ShortcutMenu } from '../../shared/desktop/shortcuts';
import type { shellText } from '../../shared/desktop/shell-text';

type Text = ReturnType<typeof shellText>;

export interface AppMenuActions {
  runShortcut(id: ShortcutId): void;
  startAtLogin: { supported: boolean; enabled: boolean; set(enabled: boolean): void };
  quit(): void;
}

/**
 * How a shortcut shows in the menu. The page handles the keys itself (it knows about text fields and IME
 * compositions), so on Windows and Linux the accelerator is only displayed. macOS cannot display without
 * registering, and registered menu keys reach the menu before the page: there only Cmd chords are given,
 * which never type text; the others are listed in the "?" overlay.
 */
export function shortcutAccelerator(shortcut: ShortcutDefinition, platform: NodeJS.Platform): Pick<MenuItemConstructorOptions, 'accelerator' | 'registerAccelerator'> {
  if (platform === 'darwin') {
    const command = shortcut.chords.find((chord) => chord.mod && !chord.alt);
    return command ? { accelerator: chordAccelerator(command) } : {};
  }
  const first = shortcut.chords[0];
  return first ? { accelerator: chordAccelerator(first), registerAccelerator: false } : {};
}

function shortcutItems(menu: ShortcutMenu, text: Text, platform: NodeJS.Platform, actions: AppMenuActions): MenuItemConstructorOptions[] {
  return SHORTCUTS.filter((shortcut) => shortcut.menu === menu).map((shortcut) => ({
    id: `shortcut:${shortcut.id}`,
    label: text(`shortcut.${shortcut.id}`),
    ...shortcutAccelerator(shortcut, platform),
    // An action that does not exist yet (no conversation status) stays out of the menu.
    ...(shortcut.hiddenUntilRegistered ? { visible: false, enabled: false } : {}),
    click: () => actions.runShortcut(shortcut.id),
  }));
}

/** The application menu in the agent's language; standard roles keep copy/paste and window keys working. */
export function applicationMenuTemplate(text: Text, platform: NodeJS.Platform, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const startAtLogin: MenuItemConstructorOptions[] = actions.startAtLogin.supported
    ? [{ label: text('menu.startAtLogin'), type: 'checkbox', checked: actions.startAtLogin.enabled, click: (item) => actions.startAtLogin.set(item.checked) }]
    : [];
  const quit: MenuItemConstructorOptions = { label: text('menu.quit'), accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const appMenu: MenuItemConstructorOptions[] =
    platform === 'darwin'
      ? [{ label: text('menu.app'), submenu: [{ role: 'about' }, { type: 'separator' }, ...startAtLogin, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit] }]
      : [{ label: text('menu.app'), submenu: [...startAtLogin, { type: 'separator' }, quit] }];
  return [
    ...appMenu,
    {
      label: text('menu.edit'),
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: text('menu.view'), submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: text('menu.go'), submenu: shortcutItems('go', text, platform, actions) },
    { label: text('menu.conversation'), submenu: shortcutItems('conversation', text, platform, actions) },
    { label: text('menu.window'), role: 'windowMenu' },
    { label: text('menu.help'), role: 'help', submenu: shortcutItems('help', text, platform, actions) },
  ];
}
