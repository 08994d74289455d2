import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, ipcContract, type IpcChannel } from '../../shared/ipc/contract';
import type { Core } from '../core';
import { isAppUrl } from './app-protocol';

/** Only the app's own page may call the core: not an iframe of another site, not a navigated-away window. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

export class UntrustedSenderError extends Error {
  constructor() {
    super('IPC refused: the request did not come from the Shop Inbox window');
  }
}

/**
 * One ipcMain handler per contract channel. The core validates every input with the contract's schema.
 * Core changes are forwarded to the window. Returns a function that removes all of it.
 */
export function registerIpcHandlers(core: Core, target: () => WebContents | null): () => void {
  const channels = Object.keys(ipcContract) as IpcChannel[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) throw new UntrustedSenderError();
      return core.handle(channel, input);
    });
  }
  const unsubscribe = core.onChanged((change) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, change);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
