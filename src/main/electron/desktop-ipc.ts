import { ipcMain } from 'electron';
import type { Availability, ShellNotification } from '../../shared/desktop/desktop-channels';
import { DESKTOP_INVOKE_CHANNELS, type DesktopInvokeChannel } from '../../shared/desktop/desktop-channels';
import { desktopInputSchemas, type DesktopInput } from '../../shared/desktop/desktop-bridge';
import { isTrustedSender, UntrustedSenderError } from './ipc';

/** What the main process does for each `window.desktop` call. */
export interface DesktopShellMain {
  notify(notification: ShellNotification): void;
  closeNotification(tag: string): void;
  setUnreadCount(count: number): void;
  setAvailability(availability: Availability): void;
  setLanguage(language: 'zh-TW' | 'en'): void;
  setBusy(busy: boolean): void;
  restartToUpdate(): void;
  getStartAtLogin(): boolean;
  setStartAtLogin(enabled: boolean): void;
}

type DesktopHandlers = { [C in DesktopInvokeChannel]: (input: DesktopInput<C>) => unknown };

function handlersOf(shell: DesktopShellMain): DesktopHandlers {
  return {
    'desktop:notify': (input) => shell.notify(input),
    'desktop:closeNotification': ({ tag }) => shell.closeNotification(tag),
    'desktop:setUnreadCount': ({ count }) => shell.setUnreadCount(count),
    'desktop:setAvailability': ({ availability }) => shell.setAvailability(availability),
    'desktop:setLanguage': ({ language }) => shell.setLanguage(language),
    'desktop:setBusy': ({ busy }) => shell.setBusy(busy),
    'desktop:restartToUpdate': () => shell.restartToUpdate(),
    'desktop:getStartAtLogin': () => shell.getStartAtLogin(),
    'desktop:setStartAtLogin': ({ enabled }) => shell.setStartAtLogin(enabled),
  };
}

/** One handler per desktop channel: only the app's own page, only inputs its schema accepts. */
export function registerDesktopHandlers(shell: DesktopShellMain): () => void {
  const handlers = handlersOf(shell);
  for (const channel of DESKTOP_INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      if (!isTrustedSender(event)) throw new UntrustedSenderError();
      const parsed = desktopInputSchemas[channel].safeParse(raw ?? {});
      if (!parsed.success) throw new Error(`Invalid input for ${channel}`);
      return (handlers[channel] as (input: unknown) => unknown)(parsed.data);
    });
  }
  return () => {
    for (const channel of DESKTOP_INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
