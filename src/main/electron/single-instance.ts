import type { App } from 'electron';

/**
 * One app per user: a second launch (a double click, a notification, start at login) hands over to the
 * running one, which comes to the front, and quits. Returns false in that second process.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, bringForward: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => bringForward());
  return true;
}
