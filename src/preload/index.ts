import { contextBridge, ipcRenderer } from 'electron';
import type { InboxApi } from '../shared/ipc/contract';
import { createInboxApi } from './inbox-api';

/** Exposes exactly the IPC contract as `window.inbox`; the page never sees ipcRenderer itself. */
const api: InboxApi = createInboxApi(ipcRenderer);
contextBridge.exposeInMainWorld('inbox', api);

