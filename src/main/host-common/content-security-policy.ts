/**
 * The renderer's CSP, sent as a header (stronger than the page's meta tag: it also covers
 * frame-ancestors). `connectSources` lists the WebSocket origin of the bridge when there is one.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // blob: content the core loaded (photos, stickers, players, files to save), never fetched by the page itself.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
