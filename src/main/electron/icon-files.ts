import { join } from 'node:path';

/**
 * Names of the icon files `scripts/generate-icons.ts` renders from `resources/icons/icon.svg` into `out/icons/`
 * (packed into the app). Each PNG has a `@2x` sibling that Electron picks on high-density screens.
 */
export const ICON_FILES = {
  /** Window icon on Linux and Windows (macOS uses the bundle's icns). */
  window: 'window.png',
  /** Tray on Windows and Linux: the coloured mark, and the mark with a red dot while something is unread. */
  tray: 'tray.png',
  trayUnread: 'tray-unread.png',
  /** macOS menu bar: a black-and-alpha template image that macOS tints for light and dark menu bars. */
  trayTemplate: 'trayTemplate.png',
} as const;

/** The highest count drawn on the Windows taskbar overlay; more shows as "9+". */
export const OVERLAY_MAX = 9;

/** `overlay-3.png` … `overlay-9plus.png`: a red badge with the unread count for the Windows taskbar. */
export function overlayFileFor(count: number): string | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > OVERLAY_MAX ? 'overlay-9plus.png' : `overlay-${Math.floor(count)}.png`;
}

/** out/main/index.js → out/icons */
export function defaultIconDir(mainDir: string): string {
  return join(mainDir, '..', 'icons');
}
