import type { Availability, DesktopApi, DesktopCommand, ShellNotification } from '../../shared/desktop/desktop-channels';
import { desktopCommandSchema } from '../../shared/desktop/desktop-bridge';
import { createBrowserShell } from './browser-shell';

/**
 * What the page asks of the system it runs in: notifications, the unread badge, the tray's availability,
 * menu commands, updates. Electron carries it to the main process (`window.desktop`, from the preload); the
 * browser host does what a web page can (Web Notifications, the title and the favicon).
 */
export interface DesktopShell {
  kind: 'electron' | 'browser';
  notify(notification: ShellNotification): void;
  closeNotification(tag: string): void;
  setUnreadCount(count: number): void;
  setAvailability(availability: Availability): void;
  setLanguage(language: 'zh-TW' | 'en'): void;
  setBusy(busy: boolean): void;
  restartToUpdate(): void;
  /** null where the system decides (the browser). */
  startAtLogin: { get(): Promise<boolean>; set(enabled: boolean): Promise<void> } | null;
  /** Permission for notifications: Electron's are always allowed; a browser asks. */
  notificationPermission(): NotificationPermission | 'unsupported';
  requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'>;
  onCommand(listener: (command: DesktopCommand) => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    desktop?: DesktopApi;
  }
}

function quietly(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => console.warn('[desktop]', error instanceof Error ? error.message : error));
}

export function createElectronShell(desktop: DesktopApi): DesktopShell {
  return {
    kind: 'electron',
    notify: (notification) => quietly(desktop.notify(notification)),
    closeNotification: (tag) => quietly(desktop.closeNotification(tag)),
    setUnreadCount: (count) => quietly(desktop.setUnreadCount(count)),
    setAvailability: (availability) => quietly(desktop.setAvailability(availability)),
    setLanguage: (language) => quietly(desktop.setLanguage(language)),
    setBusy: (busy) => quietly(desktop.setBusy(busy)),
    restartToUpdate: () => quietly(desktop.restartToUpdate()),
    startAtLogin: { get: () => desktop.getStartAtLogin(), set: (enabled) => desktop.setStartAtLogin(enabled) },
    notificationPermission: () => 'granted',
    requestNotificationPermission: async () => 'granted',
    onCommand(listener) {
      const stop = desktop.onCommand((command) => {
        const parsed = desktopCommandSchema.safeParse(command);
        if (parsed.success) listener(parsed.data);
      });
      // Coming back to the window is the page's own event, as in the browser.
      const focused = () => listener({ type: 'windowFocused' });
      window.addEventListener('focus', focused);
      return () => {
        stop();
        window.removeEventListener('focus', focused);
      };
    },
  };
}

let shell: DesktopShell | null = null;

export function getDesktopShell(): DesktopShell {
  shell ??= window.desktop ? createElectronShell(window.desktop) : createBrowserShell(window, document);
  return shell;
}
