/**
 * What agents type is often "relay.shop.tw:8787" or has a trailing slash: trim, default to http://,
 * drop trailing slashes. Throws a readable error when it still is not a URL.
 */
export function normalizeRelayUrl(input: string): string {
  let url = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${input.trim()}" is not a valid relay address`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`The relay address must start with http:// or https:// (got ${parsed.protocol}//)`);
  }
  return url.replace(/\/+$/, '');
}
