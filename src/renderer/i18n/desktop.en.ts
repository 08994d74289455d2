import type { zhTWDesktop } from './desktop.zh-TW';

export const enDesktop: { readonly [K in keyof typeof zhTWDesktop]: string } = {
  'notify.summary': '{messages} new messages from {customers} customers',
  'notify.summary.title': 'Shop Inbox',
  'notify.more': '(+{count} more)',
  'notify.windowClosing.title': 'The free reply window is closing',
  'notify.windowClosing.body': '{name}: {seconds} s left to reply free, and your reply is not sent yet.',
  'notify.away': 'Away',

  'prefs.open': 'Notification and key settings',
  'prefs.title': 'Notifications and keys',
  'prefs.availability': 'Status',
  'prefs.online': 'Online',
  'prefs.away': 'Away (no notifications)',
  'prefs.dnd': 'Do not disturb: no notifications',
  'prefs.sound': 'Play a sound for new messages',
  'prefs.sendKey': 'Key that sends a reply',
  'prefs.sendKey.enter': 'Enter sends, Shift+Enter adds a line',
  'prefs.sendKey.ctrlEnter': 'Ctrl+Enter sends, Enter adds a line',
  'prefs.startAtLogin': 'Open at login',
  'prefs.notifications.denied': 'The browser blocks notifications: allow them in the site settings left of the address bar.',
  'prefs.notifications.ask': 'Allow desktop notifications',
  'prefs.notifications.unsupported': 'This browser cannot show desktop notifications.',
  'prefs.close': 'Done',

  'mute.mute': 'Mute this conversation',
  'mute.unmute': 'Unmute this conversation',
  'mute.muted': 'Muted',

  'update.ready': 'A new version has been downloaded.',
  'update.restart': 'Restart to update',
  'update.waiting': 'Restarting as soon as your reply is sent…',
  'update.later': 'Later',

  'overlay.unavailable': '(not available now)',
  'composer.placeholder.ctrlEnter': 'Type a reply… (Ctrl+Enter to send, Enter for a new line)',
};
