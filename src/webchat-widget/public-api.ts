import type { ShopInboxChatApi } from './widget-controller';

/**
 * `window.ShopInboxChat`. The script tag is async, so a page may call the API before it runs; a page that
 * wants that pastes the stub from docs/protocol.md, which records calls in `ShopInboxChat.q` as
 * `[method, args, resolve, reject]`. Those calls are replayed here, in order, and their promises settled.
 */

type Method = keyof ShopInboxChatApi;
type QueuedCall = [method: Method, args: ArrayLike<unknown>, resolve?: (value: unknown) => void, reject?: (error: unknown) => void];

interface StubOrApi {
  q?: unknown;
  __shopInboxChat?: true;
}

const METHODS: readonly Method[] = ['open', 'close', 'send', 'setUser', 'on'];

/** True when an earlier copy of the widget already runs on this page (the tag was pasted twice). */
export function widgetAlreadyInstalled(win: Window): boolean {
  return (win as unknown as { ShopInboxChat?: StubOrApi }).ShopInboxChat?.__shopInboxChat === true;
}

export function installPublicApi(win: Window, api: ShopInboxChatApi): void {
  const global = win as unknown as { ShopInboxChat?: StubOrApi };
  const stub = global.ShopInboxChat;
  const queued = Array.isArray(stub?.q) ? (stub.q as QueuedCall[]) : [];
  global.ShopInboxChat = Object.freeze({ ...api, __shopInboxChat: true as const });
  for (const [method, args, resolve, reject] of queued) {
    if (!METHODS.includes(method)) {
      reject?.(new Error(`ShopInboxChat.${String(method)} does not exist`));
      continue;
    }
    try {
      const call = api[method] as (...values: unknown[]) => unknown;
      Promise.resolve(call(...Array.from(args))).then(resolve, reject);
    } catch (error) {
      reject?.(error);
    }
  }
}
