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

const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const shown = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      const entry = { title, body: (options && options.body) || '', tag: (options && options.tag) || '', closed: false, note: this };
      shown.push(entry);
      this.addEventListener('close', () => { entry.closed = true; });
      const close = this.close.bind(this);
      this.close = () => { entry.closed = true; close(); };
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  window.__notifications = shown;
})();`;

export async function recordNotificationsIn(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
}

export function notifications(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate('window.__notifications.map(({ title, body, tag, closed }) => ({ title, body, tag, closed }))');
}

/** Clicks notification `index` as the system would. */
export async function clickNotification(page: Page, index: number): Promise<void> {
  await page.evaluate(`window.__notifications[${index}].note.dispatchEvent(new Event('click'))`);
}

/** Draws a recorded notification over the page the way a system toast shows it, for a screenshot. */
export async function drawNotificationToast(page: Page, shown: RecordedNotification): Promise<void> {
  await page.evaluate(`(() => {
    const shown = ${JSON.stringify(shown)};
    const toast = document.createElement('div');
    toast.dataset.drawnNotification = 'true';
    toast.setAttribute('style', 'position:fixed;right:16px;bottom:16px;width:360px;padding:14px 16px;border-radius:12px;background:#2b2f33;color:#fff;font:14px/1.5 system-ui,"Noto Sans CJK TC";box-shadow:0 12px 40px rgba(0,0,0,.35);display:flex;gap:12px;z-index:9999');
    const icon = document.createElement('img');
    icon.src = document.querySelector('link[rel="icon"]').href;
    icon.setAttribute('style', 'width:40px;height:40px;border-radius:8px');
    const lines = document.createElement('div');
    for (const [text, style] of [['Chromium · ' + document.title, 'font-size:12px;opacity:.7'], [shown.title, 'font-weight:600'], [shown.body, '']]) {
      const line = document.createElement('div');
      line.textContent = text;
      line.setAttribute('style', style);
      lines.append(line);
    }
    toast.append(icon, lines);
    document.body.append(toast);
  })()`);
}

export async function removeNotificationToasts(page: Page): Promise<void> {
  await page.evaluate(`document.querySelectorAll('[data-drawn-notification]').forEach((toast) => toast.remove())`);
}
