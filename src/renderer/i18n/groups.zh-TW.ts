/** Wording for LINE groups and rooms, their members, and a customer who blocked the account (English in groups.en.ts). */
export const zhTWGroups = {
  'header.blocked': '已封鎖官方帳號 — 回覆會保留，對方重新加入好友時免費送出',
} as const;
