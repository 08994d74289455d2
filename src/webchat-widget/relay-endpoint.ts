import { WEBCHAT_WIDGET_PATH } from '../shared/protocol/webchat';

/** Where the widget's socket goes: the relay that served the script (behind any path prefix it has). */
export interface RelayEndpoint {
  /** e.g. https://relay.example.com */
  origin: string;
  /** socket.io's HTTP path on that relay, e.g. /socket.io or /inbox/socket.io */
  socketPath: string;
}

/**
 * From the widget script's own URL (`document.currentScript.src`, read while the script first runs — an
 * async script has no currentScript later). Null when the URL is not one of ours.
 */
export function relayEndpointFromScriptSrc(src: string | null | undefined): RelayEndpoint | null {
  if (!src) return null;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const prefix = url.pathname.endsWith(WEBCHAT_WIDGET_PATH) ? url.pathname.slice(0, -WEBCHAT_WIDGET_PATH.length) : '';
  return { origin: url.origin, socketPath: `${prefix}/socket.io` };
}
