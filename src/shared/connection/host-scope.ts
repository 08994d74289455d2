/**
 * Where a relay host sits, judged from its name alone (no DNS lookup, so the renderer can judge what the
 * agent types as they type it). Plain http is acceptable only when the traffic stays on this computer
 * (`loopback`) or on the shop's own network (`local_network`); everything else is `public`.
 *
 * local_network = RFC 1918 (10/8, 172.16/12, 192.168/16), IPv4 link-local 169.254/16, IPv6 unique-local
 * fc00::/7 and link-local fe80::/10, and mDNS names ending in `.local` (RFC 6762: answered only on the
 * local link). Not included: carrier-grade NAT 100.64/10 (shared with the ISP's other customers),
 * 0.0.0.0, single-label names (they resolve through DNS search domains, which can point anywhere).
 */
export type HostScope = 'loopback' | 'local_network' | 'public';

/** `hostname` as WHATWG URL gives it: lower-case, IPv4 in dotted decimal, IPv6 in brackets. */
export function hostScope(hostname: string): HostScope {
  const host = hostname.toLowerCase().replace(/\.$/u, '');
  if (host === 'localhost') return 'loopback';
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Scope(host.slice(1, -1));
  const ipv4 = parseIpv4(host);
  if (ipv4) return ipv4Scope(ipv4);
  if (host.endsWith('.local') && host.length > '.local'.length) return 'local_network';
  return 'public';
}

function parseIpv4(host: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(host);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

function ipv4Scope([a = 0, b = 0]: number[]): HostScope {
  if (a === 127) return 'loopback';
  if (a === 10) return 'local_network';
  if (a === 172 && b >= 16 && b <= 31) return 'local_network';
  if (a === 192 && b === 168) return 'local_network';
  if (a === 169 && b === 254) return 'local_network';
  return 'public';
}

function ipv6Scope(address: string): HostScope {
  const words = parseIpv6(address);
  if (!words) return 'public';
  const [first = 0] = words;
  if (words.slice(0, 7).every((word) => word === 0) && words[7] === 1) return 'loopback'; // ::1
  // ::ffff:a.b.c.d (IPv4-mapped): judged as the IPv4 address it carries.
  if (words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff) {
    const high = words[6] ?? 0;
    const low = words[7] ?? 0;
    return ipv4Scope([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if ((first & 0xfe00) === 0xfc00) return 'local_network'; // fc00::/7
  if ((first & 0xffc0) === 0xfe80) return 'local_network'; // fe80::/10
  return 'public';
}

/** Eight 16-bit words, or null. URL serialises IPv6 in hex only (no dotted tail, no zone id). */
function parseIpv6(address: string): number[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const toWords = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const groups = part.split(':');
    return groups.every((group) => /^[0-9a-f]{1,4}$/u.test(group)) ? groups.map((group) => parseInt(group, 16)) : null;
  };
  const head = toWords(halves[0]);
  const tail = toWords(halves[1]);
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}
