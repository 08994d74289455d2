import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** Sites an agent may open from the app (LINE's own consoles and help); everything else stays closed. */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [
  'line.me',
  'manager.line.biz',
  'developers.line.biz',
  'www.linebiz.com',
  'tw.linebiz.com',
];

/** Only https, only allowlisted hosts (or their subdomains of line.me). */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_URL_ALLOWLIST.includes(parsed.hostname);
}

/** `will-navigate`: the window may only move within the app itself. */
export function preventForeignNavigation(event: { preventDefault(): void }, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/** `setWindowOpenHandler`: never a new Electron window; allowlisted https links go to the system browser. */
export function decideWindowOpen(details: { url: string }): { action: 'deny' } {
  if (isAllowedExternalUrl(details.url)) void shell.openExternal(details.url);
  return { action: 'deny' };
}

/** Applies the navigation rules to one web contents (the window, and anything else ever created). */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => preventForeignNavigation(event, url));
  contents.on('will-redirect', (event, url) => preventForeignNavigation(event, url));
  contents.setWindowOpenHandler(decideWindowOpen);
  // No <webview>: it could host remote content with its own preferences.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The only permission the app's page may have: showing notifications. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications'];

/** A permission for a page: only notifications, only for the app's own origin. Camera, location, USB…: never. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}

export function secureSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details?.requestingUrl ?? contents?.getURL())),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}

export function installAppSecurity(): void {
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
}
