import { hostScope } from './host-scope';

/**
 * How the app talks to a relay: TLS, or plain http that stays on this computer or the shop's network.
 * The agent token travels on every connection, so plain http to any other host is refused.
 */
export const RELAY_TRANSPORTS = ['https', 'http_loopback', 'http_local_network'] as const;
export type RelayTransport = (typeof RELAY_TRANSPORTS)[number];

export type RelayAddress =
  | { ok: true; url: string; transport: RelayTransport; schemeGiven: boolean }
  | { ok: false; code: 'INVALID_URL'; message: string }
  | { ok: false; code: 'INSECURE_URL'; message: string; httpsUrl: string };

/**
 * What agents type is often "relay.shop.tw:8787" or has a trailing slash: trim, default to https://,
 * drop trailing slashes, then apply the plain-http rule (see host-scope.ts for which hosts count as local).
 */
export function parseRelayAddress(input: string): RelayAddress {
  const trimmed = input.trim();
  const schemeGiven = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed);
  const url = (schemeGiven ? trimmed : `https://${trimmed}`).replace(/\/+$/u, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'INVALID_URL', message: `"${trimmed}" is not a valid relay address` };
  }
  if (!parsed.hostname) return { ok: false, code: 'INVALID_URL', message: `"${trimmed}" is not a valid relay address` };
  if (parsed.protocol === 'https:') return { ok: true, url, transport: 'https', schemeGiven };
  if (parsed.protocol !== 'http:') {
    return { ok: false, code: 'INVALID_URL', message: `The relay address must start with https:// or http:// (got ${parsed.protocol}//)` };
  }
  const scope = hostScope(parsed.hostname);
  if (scope === 'loopback') return { ok: true, url, transport: 'http_loopback', schemeGiven };
  if (scope === 'local_network') return { ok: true, url, transport: 'http_local_network', schemeGiven };
  const httpsUrl = `https://${url.slice(url.indexOf('://') + 3)}`;
  return {
    ok: false,
    code: 'INSECURE_URL',
    httpsUrl,
    message:
      `Refusing plain http to ${parsed.host}: it is not on this computer or a local network, so the agent token ` +
      `would travel unencrypted. Use ${httpsUrl}`,
  };
}

