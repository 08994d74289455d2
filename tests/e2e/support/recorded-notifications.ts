import type { BrowserContext, Page } from 'playwright-core';

/**
 * Web Notifications in headless Chromium have no screen to appear on: this init script keeps the real
 * `Notification` (real permission, real constructor) and records each one, so a test can read what the
 * agent would see and click it the way the system does (the notification's click event).
 */

export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
  closed: boolean;
}

function recordNotifications(): void {
  const Real = window.Notification;
  const shown: Array<{ title: string; body: string; tag: string; closed: boolean; note: Notification }> = [];
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      const entry = { title, body: options?.body ?? '', tag: options?.tag ?? '', closed: false, note: this as Notification };
      shown.push(entry);
      this.addEventListener('close', () => (entry.closed = true));
      const close = this.close.bind(this);
      this.close = () => {
        entry.closed = true;
        close();
      };
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  (window as unknown as { __notifications: typeof shown }).__notifications = shown;
}

export async function recordNotificationsIn(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript({ content: `var __name = (fn) => fn; (${recordNotifications.toString()})();` });
}

export function notifications(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate(() =>
    (window as unknown as { __notifications: Array<RecordedNotification & { note: unknown }> }).__notifications.map(({ title, body, tag, closed }) => ({ title, body, tag, closed })),
  );
}

/** Clicks notification `index` as the system would. */
export async function clickNotification(page: Page, index: number): Promise<void> {
  await page.evaluate((at) => {
    const list = (window as unknown as { __notifications: Array<{ note: Notification }> }).__notifications;
    list[at]!.note.dispatchEvent(new Event('click'));
  }, index);
}
