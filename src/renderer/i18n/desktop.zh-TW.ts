/** Notifications, unread title, preferences, updates and the shortcut overlay (English in desktop.en.ts). */
export const zhTWDesktop = {
  'notify.summary': '{messages} 則新訊息，來自 {customers} 位顧客',
  'notify.summary.title': '店家收件匣',
  'notify.more': '（還有 {count} 則）',
  'notify.windowClosing.title': '免費回覆時間快結束了',
  'notify.windowClosing.body': '{name}：剩 {seconds} 秒可以免費回覆，你的回覆還沒送出。',
  'notify.away': '離開中',

  'prefs.open': '通知與按鍵設定',
  'prefs.title': '通知與按鍵',
  'prefs.availability': '狀態',
  'prefs.online': '上線',
  'prefs.away': '離開（不跳出通知）',
  'prefs.dnd': '勿擾模式：不跳出通知',
  'prefs.sound': '新訊息時播放提示音',
  'prefs.sendKey': '送出回覆的按鍵',
  'prefs.sendKey.enter': 'Enter 送出，Shift+Enter 換行',
  'prefs.sendKey.ctrlEnter': 'Ctrl+Enter 送出，Enter 換行',
  'prefs.startAtLogin': '開機時自動開啟',
  'prefs.notifications.denied': '通知被瀏覽器封鎖：請在網址列左側的網站設定中允許通知。',
  'prefs.notifications.ask': '允許桌面通知',
  'prefs.notifications.unsupported': '這個瀏覽器不支援桌面通知。',
  'prefs.close': '完成',

  'mute.mute': '這個對話不通知',
  'mute.unmute': '恢復這個對話的通知',
  'mute.muted': '已關閉通知',

  'update.ready': '新版本已下載完成。',
  'update.restart': '重新啟動以更新',
  'update.waiting': '回覆送出後會自動重新啟動…',
  'update.later': '稍後',

  'overlay.unavailable': '（目前無法使用）',
  'composer.placeholder.ctrlEnter': '輸入回覆… （Ctrl+Enter 送出，Enter 換行）',
} as const;
