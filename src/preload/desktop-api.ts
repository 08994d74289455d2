import type { IpcRendererEvent } from 'electron';
import { DESKTOP_COMMAND_CHANNEL as COMMAND_CHANNEL, type DesktopApi, type DesktopCommand, type DesktopInvokeChannel } from '../shared/desktop/desktop-channels';
import type { PreloadIpc } from './inbox-api';

/**
 * `window.desktop`: the shell's channels only (shared/desktop/desktop-channels.ts has no zod, so the sandboxed
 * preload can bundle it). Like `window.inbox` it never hands the page ipcRenderer or an IPC event.
 */
export function createDesktopApi(ipc: PreloadIpc): DesktopApi {
  const call = (channel: DesktopInvokeChannel, input: object = {}) => ipc.invoke(channel, input);
  return {
    notify: async (notification) => void (await call('desktop:notify', notification)),
    closeNotification: async (tag) => void (await call('desktop:closeNotification', { tag })),
    setUnreadCount: async (count) => void (await call('desktop:setUnreadCount', { count })),
    setAvailability: async (availability) => void (await call('desktop:setAvailability', { availability })),
    setLanguage: async (language) => void (await call('desktop:setLanguage', { language })),
    setBusy: async (busy) => void (await call('desktop:setBusy', { busy })),
    restartToUpdate: async () => void (await call('desktop:restartToUpdate')),
    getStartAtLogin: async () => (await call('desktop:getStartAtLogin')) === true,
    setStartAtLogin: async (enabled) => void (await call('desktop:setStartAtLogin', { enabled })),
    onCommand(listener) {
      const forward = (_event: IpcRendererEvent, command: unknown): void => listener(command as DesktopCommand);
      ipc.on(COMMAND_CHANNEL, forward);
      return () => {
        ipc.removeListener(COMMAND_CHANNEL, forward);
      };
    },
  };
}
