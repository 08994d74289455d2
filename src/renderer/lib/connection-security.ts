import { hostScope } from '../../shared/connection/host-scope';
import { parseRelayAddress } from '../../shared/connection/relay-address';
import type { Session } from '../../shared/ipc';
import type { MessageKey } from '../i18n/messages';

export interface SecurityNote {
  tone: 'info' | 'warning' | 'error';
  key: MessageKey;
  values?: Record<string, string>;
}

/**
 * What the connect screen says under the relay address while it is typed, with the same rules the core
 * applies on connect (src/shared/connection): plain http only to this computer or a local network, and
 * then with a warning. Unparseable input says nothing until "Connect" is pressed.
 */
export function relayAddressNote(input: string): SecurityNote | null {
  if (!input.trim()) return null;
  const address = parseRelayAddress(input);
  if (!address.ok) {
    return address.code === 'INSECURE_URL' ? { tone: 'error', key: 'connect.hint.insecure', values: { httpsUrl: address.httpsUrl } } : null;
  }
  if (address.transport === 'http_loopback') return { tone: 'warning', key: 'connect.hint.httpLoopback' };
  if (address.transport === 'http_local_network') return { tone: 'warning', key: 'connect.hint.httpLocal' };
  // "192.168.1.20:8787" becomes https://…: say how to reach a local relay that has no TLS.
  if (!address.schemeGiven && hostScope(new URL(address.url).hostname) !== 'public') return { tone: 'info', key: 'connect.hint.httpsDefault' };
  return null;
}

export interface SessionNotice {
  label: MessageKey;
  detail: MessageKey;
}

/** The top bar's warnings for a signed-in session (none for the demo: its relay and token are throwaway). */
export function sessionSecurityNotices(session: Extract<Session, { state: 'signed_in' }>): SessionNotice[] {
  if (session.demo) return [];
  const notices: SessionNotice[] = [];
  if (session.transport === 'http_loopback') notices.push({ label: 'topbar.insecure', detail: 'topbar.insecure.loopback' });
  if (session.transport === 'http_local_network') notices.push({ label: 'topbar.insecure', detail: 'topbar.insecure.local' });
  if (session.tokenStorage === 'owner_only_file') notices.push({ label: 'topbar.tokenFile', detail: 'security.tokenFile' });
  return notices;
}
