import { BRIDGE_PATH, type InboxApi } from '../../shared/ipc';
import { createBridgeInboxApi, type BridgeInboxApi } from './bridge-client';
import { takeSecretFromLocation } from './bridge-secret';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    inbox?: InboxApi;
  }
}

export class MissingBridgeSecretError extends Error {
  constructor() {
    super('No secret in the address: open the link printed by the app');
    this.name = 'MissingBridgeSecretError';
  }
}

let api: InboxApi | null = null;
let bridge: BridgeInboxApi | null = null;

/**
 * The renderer's one way to reach the desktop core: the preload's `window.inbox` in Electron,
 * otherwise the WebSocket bridge of the browser host (secret from the address fragment).
 */
export function getInboxApi(): InboxApi {
  if (api) return api;
  if (window.inbox) {
    api = window.inbox;
    return api;
  }
  const secret = takeSecretFromLocation(window.location, window.history);
  if (!secret) throw new MissingBridgeSecretError();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  bridge = createBridgeInboxApi({ url: `${scheme}://${window.location.host}${BRIDGE_PATH}`, secret });
  api = bridge;
  return api;
}

/** The bridge client when running in the browser host (for its connection banner); null in Electron. */
export function getBridgeClient(): BridgeInboxApi | null {
  return bridge;
}
