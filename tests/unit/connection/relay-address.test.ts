import { describe, expect, it } from 'vitest';
import { hostScope } from '../../../src/shared/connection/host-scope';
import { parseRelayAddress } from '../../../src/shared/connection/relay-address';
import { relayAddressNote, sessionSecurityNotices } from '../../../src/renderer/lib/connection-security';

type Outcome = string; // the normalised URL and transport, or the refusal code

function outcome(input: string): Outcome {
  const address = parseRelayAddress(input);
  return address.ok ? `${address.url} ${address.transport}` : address.code;
}

describe('relay address rules', () => {
  it.each<[string, Outcome]>([
    // No scheme: https, whatever the host.
    ['  relay.shop.tw:8787/ ', 'https://relay.shop.tw:8787 https'],
    ['relay.shop.tw', 'https://relay.shop.tw https'],
    ['127.0.0.1:8787', 'https://127.0.0.1:8787 https'],
    ['192.168.1.20:8787', 'https://192.168.1.20:8787 https'],
    ['https://relay.shop.tw///', 'https://relay.shop.tw https'],
    ['HTTPS://relay.shop.tw/inbox/', 'HTTPS://relay.shop.tw/inbox https'],
    // Plain http on this computer.
    ['http://localhost:8787', 'http://localhost:8787 http_loopback'],
    ['HTTP://127.0.0.1:9000', 'HTTP://127.0.0.1:9000 http_loopback'],
    ['http://127.8.9.10', 'http://127.8.9.10 http_loopback'],
    ['http://[::1]:8787/', 'http://[::1]:8787 http_loopback'],
    ['http://[0:0:0:0:0:0:0:1]:8787', 'http://[0:0:0:0:0:0:0:1]:8787 http_loopback'],
    ['http://[::ffff:127.0.0.1]:8787', 'http://[::ffff:127.0.0.1]:8787 http_loopback'],
    // Plain http on the shop's network.
    ['http://10.0.0.5:8787', 'http://10.0.0.5:8787 http_local_network'],
    ['http://172.16.0.1', 'http://172.16.0.1 http_local_network'],
    ['http://172.31.255.254', 'http://172.31.255.254 http_local_network'],
    ['http://192.168.1.20:8787', 'http://192.168.1.20:8787 http_local_network'],
    ['http://169.254.10.1', 'http://169.254.10.1 http_local_network'],
    ['http://[fd12:3456::1]:8787', 'http://[fd12:3456::1]:8787 http_local_network'],
    ['http://[fc00::1]', 'http://[fc00::1] http_local_network'],
    ['http://[fe80::1]', 'http://[fe80::1] http_local_network'],
    ['http://[::ffff:192.168.0.9]', 'http://[::ffff:192.168.0.9] http_local_network'],
    ['http://shop-relay.local:8787', 'http://shop-relay.local:8787 http_local_network'],
    // Plain http anywhere else: refused.
    ['http://relay.shop.tw:8787', 'INSECURE_URL'],
    ['http://8.8.8.8', 'INSECURE_URL'],
    ['http://172.15.0.1', 'INSECURE_URL'],
    ['http://172.32.0.1', 'INSECURE_URL'],
    ['http://192.169.0.1', 'INSECURE_URL'],
    ['http://100.64.0.1', 'INSECURE_URL'],
    ['http://0.0.0.0:8787', 'INSECURE_URL'],
    ['http://[2001:db8::1]', 'INSECURE_URL'],
    ['http://[::ffff:8.8.8.8]', 'INSECURE_URL'],
    ['http://relay', 'INSECURE_URL'],
    ['http://local', 'INSECURE_URL'],
    ['http://localhost.shop.tw', 'INSECURE_URL'],
    ['http://127.0.0.1.nip.io', 'INSECURE_URL'],
    ['http://192.168.1.20.evil.tw', 'INSECURE_URL'],
    // Not a relay address at all.
    ['ftp://relay', 'INVALID_URL'],
    ['ws://relay.shop.tw', 'INVALID_URL'],
    ['http://exa mple', 'INVALID_URL'],
    ['https://', 'INVALID_URL'],
  ])('%s → %s', (input, expected) => {
    expect(outcome(input)).toBe(expected);
  });

  it('WHATWG URL normalises odd IPv4 spellings before the rule sees them', () => {
    expect(outcome('http://0x7f.1:8787')).toBe('http://0x7f.1:8787 http_loopback');
    expect(outcome('http://3232235777')).toBe('http://3232235777 http_local_network'); // 192.168.1.1
    expect(outcome('http://134744072')).toBe('INSECURE_URL'); // 8.8.8.8
  });

  it('tells the agent to use https, with the address to type', () => {
    const address = parseRelayAddress('http://relay.shop.tw:8787/');
    expect(address).toMatchObject({ ok: false, code: 'INSECURE_URL', httpsUrl: 'https://relay.shop.tw:8787' });
    expect(!address.ok && address.message).toMatch(/Use https:\/\/relay\.shop\.tw:8787$/);
  });

  it('judges host names as URL gives them', () => {
    expect(hostScope('LOCALHOST')).toBe('loopback');
    expect(hostScope('localhost.')).toBe('loopback');
    expect(hostScope('.local')).toBe('public');
    expect(hostScope('[::]')).toBe('public');
    expect(hostScope('[1::2::3]')).toBe('public');
  });
});

describe('what the UI says about it', () => {
  it('notes each address kind as it is typed', () => {
    expect(relayAddressNote('')).toBeNull();
    expect(relayAddressNote('relay.shop.tw')).toBeNull();
    expect(relayAddressNote('192.168.1.20:8787')).toEqual({ tone: 'info', key: 'connect.hint.httpsDefault' });
    expect(relayAddressNote('http://localhost:8787')).toEqual({ tone: 'warning', key: 'connect.hint.httpLoopback' });
    expect(relayAddressNote('http://192.168.1.20:8787')).toEqual({ tone: 'warning', key: 'connect.hint.httpLocal' });
    expect(relayAddressNote('http://relay.shop.tw')).toEqual({
      tone: 'error',
      key: 'connect.hint.insecure',
      values: { httpsUrl: 'https://relay.shop.tw' },
    });
    expect(relayAddressNote('http://exa mple')).toBeNull();
  });

  it('warns in the top bar about plain http and an unencrypted token, except in the demo', () => {
    const session = {
      state: 'signed_in' as const,
      relayUrl: 'http://192.168.1.20:8787',
      transport: 'http_local_network' as const,
      tokenStorage: 'owner_only_file' as const,
      agentName: 'Amy',
      role: 'agent' as const,
      demo: false,
    };
    expect(sessionSecurityNotices(session).map((notice) => notice.detail)).toEqual(['topbar.insecure.local', 'security.tokenFile']);
    expect(sessionSecurityNotices({ ...session, transport: 'http_loopback', tokenStorage: 'os_encrypted' }).map((notice) => notice.detail)).toEqual([
      'topbar.insecure.loopback',
    ]);
    expect(sessionSecurityNotices({ ...session, transport: 'https', tokenStorage: 'os_encrypted' })).toEqual([]);
    expect(sessionSecurityNotices({ ...session, demo: true })).toEqual([]);
  });
});
