import { contextBridge, ipcRenderer } from 'electron';
import type { InboxApi } from '../shared/ipc/contract';
import type { DesktopApi } from '../shared/desktop/desktop-channels';
import { createDesktopApi } from './desktop-api';
import { createInboxApi } from './inbox-api';

/**
 * Exposes exactly the IPC contract as `window.inbox` and the desktop shell's calls as `window.desktop`;
 * the page never sees ipcRenderer itself.
 */
const api: InboxApi = createInboxApi(ipcRenderer);
const desktop: DesktopApi = createDesktopApi(ipcRenderer);
contextBridge.exposeInMainWorld('inbox', api);
contextBridge.exposeInMainWorld('desktop', desktop);
