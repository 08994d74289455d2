/**
 * The widget's words in zh-TW and English, chosen from the shop page's `<html lang>` (zh* → zh-TW, else
 * English). Same shape as the renderer's catalogs: English must have exactly the zh-TW keys.
 */

export type WidgetLanguage = 'zh-TW' | 'en';

const zhTW = {
  launcher: '與店家聊聊',
  launcherUnread: '與店家聊聊（有新訊息）',
  panel: '與店家聊天',
  title: '線上客服',
  close: '關閉聊天',
  log: '對話內容',
  input: '輸入訊息',
  placeholder: '輸入訊息，按 Enter 傳送',
  send: '傳送',
  empty: '有任何問題都可以問我們，我們會盡快回覆！',
  sending: '傳送中…',
  failed: '未送出，請再試一次',
  connecting: '連線中…',
  offline: '離線中，連線恢復後會再傳送',
  unavailable: '此網站無法使用聊天功能',
  agent: '店家',
  you: '你',
  sendFailed: '訊息未送出：{reason}',
  photo: '店家傳送的照片',
  photoYours: '你傳送的照片',
  download: '下載 {name}',
  attach: '傳送照片或檔案',
  uploading: '上傳中：{name}',
  uploadTooLarge: '檔案太大：照片最多 10 MB，其他檔案最多 25 MB',
  uploadType: '無法傳送這種檔案（照片請用 JPG、PNG、GIF 或 WebP）',
  uploadRateLimited: '傳送的檔案太多了，請稍後再試',
  uploadStorageFull: '店家目前無法接收檔案，請先用文字說明',
  uploadFailed: '檔案未送出：{reason}',
} as const;

type Catalog = { readonly [K in keyof typeof zhTW]: string };
export type WidgetText = keyof typeof zhTW;

const en: Catalog = {
  launcher: 'Chat with us',
  launcherUnread: 'Chat with us (new messages)',
  panel: 'Chat with the shop',
  title: 'Chat with us',
  close: 'Close chat',
  log: 'Conversation',
  input: 'Type a message',
  placeholder: 'Type a message, press Enter to send',
  send: 'Send',
  empty: 'Ask us anything — we will reply as soon as we can!',
  sending: 'Sending…',
  failed: 'Not sent, please try again',
  connecting: 'Connecting…',
  offline: 'Offline — messages go out when the connection is back',
  unavailable: 'Chat is not available on this site',
  agent: 'Shop',
  you: 'You',
  sendFailed: 'Message not sent: {reason}',
  photo: 'A photo from the shop',
  photoYours: 'Your photo',
  download: 'Download {name}',
  attach: 'Send a photo or file',
  uploading: 'Uploading: {name}',
  uploadTooLarge: 'Too large: photos up to 10 MB, other files up to 25 MB',
  uploadType: 'This kind of file cannot be sent (photos: JPG, PNG, GIF or WebP)',
  uploadRateLimited: 'Too many files for now, please try again later',
  uploadStorageFull: 'The shop cannot take files right now; please describe it in a message',
  uploadFailed: 'File not sent: {reason}',
};

export function pickLanguage(htmlLang: string | null | undefined): WidgetLanguage {
  return /^zh/i.test(htmlLang?.trim() ?? '') ? 'zh-TW' : 'en';
}

export type WidgetTranslate = (key: WidgetText, values?: Record<string, string>) => string;

export function createWidgetTranslator(language: WidgetLanguage): WidgetTranslate {
  const catalog: Catalog = language === 'zh-TW' ? zhTW : en;
  return (key, values) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => values?.[name] ?? whole);
}
