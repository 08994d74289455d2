import type { MenuItemConstructorOptions } from 'electron';
import type { Availability } from '../../shared/desktop/desktop-channels';
import type { shellText } from '../../shared/desktop/shell-text';
import { ICON_FILES } from './icon-files';

/** The tray (Windows, Linux) / menu-bar (macOS) icon: its picture, tooltip and menu for a given state. */

export interface TrayState {
  unread: number;
  availability: Availability;
  updateReady: boolean;
}

export interface TrayActions {
  open(): void;
  setAvailability(availability: Availability): void;
  restartToUpdate(): void;
  quit(): void;
}

type Text = ReturnType<typeof shellText>;

export function trayMenuTemplate(state: TrayState, text: Text, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: text('tray.open'), click: () => actions.open() },
    { type: 'separator' },
    { label: text('tray.online'), type: 'radio', checked: state.availability === 'online', click: () => actions.setAvailability('online') },
    { label: text('tray.away'), type: 'radio', checked: state.availability === 'away', click: () => actions.setAvailability('away') },
    ...(state.updateReady ? ([{ type: 'separator' }, { label: text('tray.restartToUpdate'), click: () => actions.restartToUpdate() }] as MenuItemConstructorOptions[]) : []),
    { type: 'separator' },
    { label: text('tray.quit'), click: () => actions.quit() },
  ];
}

export function trayTooltip(state: TrayState, text: Text): string {
  if (state.availability === 'away') return text('tray.tooltip.away');
  return state.unread > 0 ? text('tray.tooltip.unread', { count: state.unread }) : text('tray.tooltip');
}

/** macOS draws a template image in the menu bar's colour and shows the count as a title beside it. */
export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return ICON_FILES.trayTemplate;
  return state.unread > 0 ? ICON_FILES.trayUnread : ICON_FILES.tray;
}

export function trayTitle(state: TrayState, platform: NodeJS.Platform): string {
  return platform === 'darwin' && state.unread > 0 ? String(state.unread > 99 ? '99+' : state.unread) : '';
}
