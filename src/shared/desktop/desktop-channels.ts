import type { ShortcutId } from './shortcuts';

/**
 * The desktop shell's own IPC between the Electron main process and the page (`window.desktop`), beside the
 * core's contract: notifications, badge, tray state, menu commands, updates. Free of zod because the
 * sandboxed preload imports it; the main process validates every payload with desktop-bridge.ts.
 */
export const DESKTOP_INVOKE_CHANNELS = [
  'desktop:notify',
  'desktop:closeNotification',
  'desktop:setUnreadCount',
  'desktop:setAvailability',
  'desktop:setLanguage',
  'desktop:setBusy',
  'desktop:restartToUpdate',
  'desktop:getStartAtLogin',
  'desktop:setStartAtLogin',
] as const;
export type DesktopInvokeChannel = (typeof DESKTOP_INVOKE_CHANNELS)[number];

/** Main → page. */
export const DESKTOP_COMMAND_CHANNEL = 'desktop:command';

export type Availability = 'online' | 'away';

export interface ShellNotification {
  /** One notification per tag: a new one with the same tag replaces it. */
  tag: string;
  title: string;
  body: string;
  /** Opened when the notification is clicked. */
  conversationId: string;
  /** Play the system sound. */
  sound: boolean;
}

export type DesktopCommand =
  | { type: 'openConversation'; conversationId: string }
  | { type: 'shortcut'; id: ShortcutId }
  | { type: 'availability'; availability: Availability }
  | { type: 'updateReady'; version: string }
  | { type: 'windowFocused' };

/** What the preload exposes as `window.desktop` (Electron only). */
export interface DesktopApi {
  notify(notification: ShellNotification): Promise<void>;
  closeNotification(tag: string): Promise<void>;
  setUnreadCount(count: number): Promise<void>;
  setAvailability(availability: Availability): Promise<void>;
  setLanguage(language: 'zh-TW' | 'en'): Promise<void>;
  /** The agent is in the middle of a reply (typing, or replies not yet accepted): no restart for an update. */
  setBusy(busy: boolean): Promise<void>;
  restartToUpdate(): Promise<void>;
  getStartAtLogin(): Promise<boolean>;
  setStartAtLogin(enabled: boolean): Promise<void>;
  onCommand(listener: (command: DesktopCommand) => void): () => void;
}
