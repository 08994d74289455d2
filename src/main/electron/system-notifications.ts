import type { NotificationConstructorOptions } from 'electron';
import type { DesktopCommand, ShellNotification } from '../../shared/desktop/desktop-channels';

/**
 * System notifications (Electron `Notification`) for what the page decided to show: one per tag (a newer
 * one replaces it), and a click brings the window forward on that conversation.
 */

export interface ShownNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface SystemNotifierDeps {
  create(options: NotificationConstructorOptions): ShownNotification;
  isSupported(): boolean;
  focusWindow(): void;
  send(command: DesktopCommand): void;
  iconPath?: string;
}

export function createSystemNotifier(deps: SystemNotifierDeps) {
  const shown = new Map<string, ShownNotification>();
  return {
    show(notification: ShellNotification): void {
      if (!deps.isSupported()) return;
      shown.get(notification.tag)?.close();
      const note = deps.create({
        title: notification.title,
        body: notification.body,
        silent: !notification.sound,
        ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      });
      note.on('click', () => {
        deps.focusWindow();
        deps.send({ type: 'openConversation', conversationId: notification.conversationId });
      });
      note.on('close', () => {
        if (shown.get(notification.tag) === note) shown.delete(notification.tag);
      });
      shown.set(notification.tag, note);
      note.show();
    },
    close(tag: string): void {
      shown.get(tag)?.close();
      shown.delete(tag);
    },
    /** Tags of the notifications on screen now. */
    openTags(): string[] {
      return [...shown.keys()];
    },
  };
}
export type SystemNotifier = ReturnType<typeof createSystemNotifier>;
