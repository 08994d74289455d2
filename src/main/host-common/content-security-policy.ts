/**
 * The renderer's CSP, sent as a header (stronger than the page's meta tag: it also covers
 * frame-ancestors). `connectSources` lists the WebSocket origin of the bridge when there is one.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
