import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => 'answer'), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
});
vi.mock('electron', () => electron);

import { IPC_EVENT_CHANNEL, ipcContract, type IpcEvent } from '../../../src/shared/ipc/contract';
import type { Core } from '../../../src/main/core';
import { isTrustedSender, registerIpcHandlers } from '../../../src/main/electron/ipc';
import { PRELOAD_CHANNELS, PRELOAD_EVENT_CHANNEL, createInboxApi } from '../../../src/preload/inbox-api';

function fakeCore() {
  let listener: ((event: IpcEvent) => void) | null = null;
  const core = {
    handle: vi.fn(async (channel: string, input: unknown) => ({ channel, input })),
    onChanged: vi.fn((l: (event: IpcEvent) => void) => {
      listener = l;
      return () => (listener = null);
    }),
    close: vi.fn(async () => undefined),
  };
  return { core: core as unknown as Core & typeof core, emit: (event: IpcEvent) => listener?.(event), hasListener: () => listener !== null };
}

beforeEach(() => {
  electron.handlers.clear();
  vi.clearAllMocks();
});

describe('main-process IPC', () => {
  it('registers exactly the contract channels and forwards trusted calls to the core', async () => {
    const { core } = fakeCore();
    registerIpcHandlers(core, () => null);
    expect([...electron.handlers.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
    const result = await electron.handlers.get('inbox:list')!({ senderFrame: { url: 'app://shop-inbox/index.html' } }, { limit: 5 });
    expect(result).toEqual({ channel: 'inbox:list', input: { limit: 5 } });
  });

  it('refuses calls from any frame that is not the app page', async () => {
    const { core } = fakeCore();
    registerIpcHandlers(core, () => null);
    for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'file:///index.html' }, { url: 'app://other/' }, null]) {
      await expect(electron.handlers.get('session:get')!({ senderFrame }, {})).rejects.toThrow(/did not come from the Shop Inbox window/);
    }
    expect(core.handle).not.toHaveBeenCalled();
    expect(isTrustedSender({ senderFrame: { url: 'app://shop-inbox/index.html#x' } } as never)).toBe(true);
  });

  it('forwards core changes to the window and cleans up', () => {
    const { core, emit, hasListener } = fakeCore();
    const send = vi.fn();
    const dispose = registerIpcHandlers(core, () => ({ send, isDestroyed: () => false }) as never);
    emit({ scopes: ['inbox'] });
    expect(send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { scopes: ['inbox'] });
    dispose();
    expect(hasListener()).toBe(false);
    expect(electron.handlers.size).toBe(0);
  });
});

describe('preload', () => {
  it('exposes only `inbox` (invoke, onChanged) and `desktop` (the shell calls), never ipcRenderer', async () => {
    await import('../../../src/preload/index');
    const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as Array<[string, Record<string, unknown>]>;
    expect(calls.map(([name]) => name)).toEqual(['inbox', 'desktop']);
    const [[, api], [, desktop]] = calls as [[string, Record<string, unknown>], [string, Record<string, unknown>]];
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onChanged']);
    expect(Object.keys(desktop).sort()).toEqual([
      'closeNotification',
      'getStartAtLogin',
      'notify',
      'onCommand',
      'restartToUpdate',
      'setAvailability',
      'setBusy',
      'setLanguage',
      'setStartAtLogin',
      'setUnreadCount',
    ]);
    for (const exposed of [api, desktop]) {
      expect(Object.values(exposed).every((value) => typeof value === 'function')).toBe(true);
      expect(Object.values(exposed)).not.toContain(electron.ipcRenderer);
    }
  });

  it('lists every contract channel and the contract’s event channel', () => {
    expect([...PRELOAD_CHANNELS].sort()).toEqual(Object.keys(ipcContract).sort());
    expect(PRELOAD_EVENT_CHANNEL).toBe(IPC_EVENT_CHANNEL);
  });

  it('invokes known channels only and passes change payloads without the IPC event', async () => {
    const api = createInboxApi(electron.ipcRenderer);
    expect(await api.invoke('sync:status', {})).toBe('answer');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('sync:status', {});
    await expect(api.invoke('shell:exec' as never, {} as never)).rejects.toThrow('Unknown channel "shell:exec"');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);

    const received: IpcEvent[] = [];
    const unsubscribe = api.onChanged((event) => received.push(event));
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    forward({ sender: 'ipc internals' }, { scopes: ['sync'] });
    expect(received).toEqual([{ scopes: ['sync'] }]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, forward);
  });
});
