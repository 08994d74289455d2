/**
 * The browser host opens the page as http://127.0.0.1:PORT/#secret=SECRET. The fragment never reaches a
 * server log; we read it once and take it out of the address bar so it is not bookmarked or shared.
 */
export function takeSecretFromLocation(
  location: { hash: string; pathname: string; search: string },
  history: { replaceState(state: unknown, unused: string, url?: string | null): void },
): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const secret = params.get('secret');
  if (!secret) return null;
  params.delete('secret');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return secret;
}
