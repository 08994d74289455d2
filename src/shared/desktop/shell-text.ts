/**
 * Words the desktop shell shows outside the page — application menu, tray menu, taskbar — and the names of
 * the shortcuts, which the page's "?" overlay shows too. The renderer's i18n dictionaries include these, so
 * each text exists once. English must have exactly the same keys.
 */
export const shellTextZhTW = {
  'shortcut.conversation.previous': '上一則對話',
  'shortcut.conversation.next': '下一則對話',
  'shortcut.conversation.nextUnanswered': '下一位等待回覆的顧客',
  'shortcut.search': '搜尋對話',
  'shortcut.composer.focus': '到回覆框',
  'shortcut.composer.send': '送出回覆',
  'shortcut.composer.newline': '換行',
  'shortcut.composer.leave': '離開回覆框',
  'shortcut.suggestion.pick': '插入建議回覆（輸入中用 Alt+1–3）',
  'shortcut.suggestion.reject': '不是這個：第一則建議不適合（輸入中用 Alt+0）',
  'shortcut.tags.add': '加標籤',
  'shortcut.cart.toggle': '開啟／關閉購物車',
  'shortcut.cart.leave': '離開購物車',
  'shortcut.orders.open': '開啟訂單',
  'shortcut.orders.customer': '這位顧客的訂單',
  'shortcut.outbox.open': '開啟待傳送清單',
  'shortcut.conversation.markDone': '標記為已完成',
  'shortcut.conversation.assignMe': '指派給我',
  'shortcut.composer.noteMode': '切換回覆／內部備註',
  'shortcut.help': '顯示所有快捷鍵',

  'menu.app': '店家收件匣',
  'menu.edit': '編輯',
  'menu.view': '檢視',
  'menu.go': '前往',
  'menu.conversation': '對話',
  'menu.window': '視窗',
  'menu.help': '說明',
  'menu.startAtLogin': '開機時自動開啟',
  'menu.quit': '結束店家收件匣',

  'tray.tooltip': '店家收件匣',
  'tray.tooltip.unread': '店家收件匣：{count} 則未讀',
  'tray.tooltip.away': '店家收件匣（離開中）',
  'tray.open': '開啟店家收件匣',
  'tray.online': '上線',
  'tray.away': '離開（不跳出通知）',
  'tray.restartToUpdate': '重新啟動以完成更新',
  'tray.quit': '結束',
  'badge.description': '{count} 則未讀訊息',
} as const;

export type ShellTextKey = keyof typeof shellTextZhTW;

export const shellTextEn: { readonly [K in ShellTextKey]: string } = {
  'shortcut.conversation.previous': 'Previous conversation',
  'shortcut.conversation.next': 'Next conversation',
  'shortcut.conversation.nextUnanswered': 'Next customer waiting for a reply',
  'shortcut.search': 'Search conversations',
  'shortcut.composer.focus': 'Go to the reply box',
  'shortcut.composer.send': 'Send the reply',
  'shortcut.composer.newline': 'New line',
  'shortcut.composer.leave': 'Leave the reply box',
  'shortcut.suggestion.pick': 'Insert a suggested reply (Alt+1–3 while typing)',
  'shortcut.suggestion.reject': 'Not this one: the first suggestion does not fit (Alt+0 while typing)',
  'shortcut.tags.add': 'Add a tag',
  'shortcut.cart.toggle': 'Open / close the cart',
  'shortcut.cart.leave': 'Leave the cart',
  'shortcut.orders.open': 'Open orders',
  'shortcut.orders.customer': 'This customer’s orders',
  'shortcut.outbox.open': 'Open the waiting-to-send list',
  'shortcut.conversation.markDone': 'Mark as done',
  'shortcut.conversation.assignMe': 'Assign to me',
  'shortcut.composer.noteMode': 'Switch between reply and internal note',
  'shortcut.help': 'Show all shortcuts',

  'menu.app': 'Shop Inbox',
  'menu.edit': 'Edit',
  'menu.view': 'View',
  'menu.go': 'Go',
  'menu.conversation': 'Conversation',
  'menu.window': 'Window',
  'menu.help': 'Help',
  'menu.startAtLogin': 'Open at login',
  'menu.quit': 'Quit Shop Inbox',

  'tray.tooltip': 'Shop Inbox',
  'tray.tooltip.unread': 'Shop Inbox: {count} unread',
  'tray.tooltip.away': 'Shop Inbox (away)',
  'tray.open': 'Open Shop Inbox',
  'tray.online': 'Online',
  'tray.away': 'Away (no notifications)',
  'tray.restartToUpdate': 'Restart to finish the update',
  'tray.quit': 'Quit',
  'badge.description': '{count} unread messages',
};

export type ShellLanguage = 'zh-TW' | 'en';

export function shellText(language: ShellLanguage): (key: ShellTextKey, values?: Record<string, string | number>) => string {
  const table = language === 'en' ? shellTextEn : shellTextZhTW;
  return (key, values) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (values?.[name] === undefined ? whole : String(values[name])));
}

/** Chinese systems get the zh-TW menus before the page has said which language the agent chose. */
export function shellLanguageForLocale(locale: string): ShellLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh-TW' : 'en';
}
