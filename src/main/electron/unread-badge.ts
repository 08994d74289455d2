import type { App, BrowserWindow, NativeImage } from 'electron';
import { overlayFileFor } from './icon-files';

/**
 * The unread count outside the window: the dock (macOS) and launcher (Linux, Unity) badge, and on Windows
 * the taskbar overlay icon (Windows has no badge count) with a spoken description.
 */
export interface UnreadBadgeDeps {
  app: Pick<App, 'setBadgeCount'>;
  window: Pick<BrowserWindow, 'setOverlayIcon' | 'isDestroyed'> | null;
  platform: NodeJS.Platform;
  /** Loads a file of out/icons (an empty image when it is missing). */
  icon(file: string): NativeImage;
  describe(count: number): string;
}

export function showUnreadCount(count: number, deps: UnreadBadgeDeps): void {
  const shown = Math.max(0, Math.floor(count));
  if (deps.platform === 'win32') {
    if (!deps.window || deps.window.isDestroyed()) return;
    const file = overlayFileFor(shown);
    deps.window.setOverlayIcon(file ? deps.icon(file) : null, file ? deps.describe(shown) : '');
    return;
  }
  deps.app.setBadgeCount(shown);
}
