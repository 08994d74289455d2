import { protocol } from 'electron';
import { contentSecurityPolicy } from '../host-common/content-security-policy';
import { readStaticFile } from '../host-common/static-files';

/**
 * The renderer is loaded from `app://shop-inbox/…`, never file://: a file:// page could read any local
 * file it can name, and a standard secure scheme gives the page a real origin for CSP and sender checks.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'shop-inbox';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The Electron window needs no WebSocket: IPC goes through the preload. */
export const ELECTRON_CSP = contentSecurityPolicy();

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True for URLs of this app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Answers an app:// request from the built renderer, with the CSP; other hosts and missing files → 404. */
export async function respondToAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': ELECTRON_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (!isAppUrl(requestUrl)) return new Response('Not found', { status: 404, headers: securityHeaders });
  const rawPath = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] || '/';
  const file = await readStaticFile(rendererDir, rawPath);
  if (!file) return new Response('Not found', { status: 404, headers: securityHeaders });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: { ...securityHeaders, 'Content-Type': file.contentType },
  });
}

/** Must run after the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(rendererDir, request.url));
}
