/** Wording for LINE groups and rooms, their members, and a customer who blocked the account (English in groups.en.ts). */
export const zhTWGroups = {
  'header.blocked': '已封鎖官方帳號 · 回覆先保留',
  'row.blocked': '已封鎖',
  'row.blocked.title': '顧客封鎖了官方帳號：不在需回覆裡，解除封鎖前回覆都先保留',

  'groups.kind.group': 'LINE 群組',
  'groups.kind.room': 'LINE 聊天室',
  'groups.members.count': '{count} 位成員',
  'groups.members.title': '成員',
  'groups.members.loading': '載入成員…',
  'groups.members.none': '還沒有成員在這裡說話',
  'groups.members.hint': '標籤標在成員身上：點訊息上的名字，就能為那位顧客加標籤（按 T：最近發言或加入的成員）',
  'groups.member.standIn': '成員 …{suffix}',
  'groups.member.tags': '標籤',
  'groups.member.tagTitle': '為 {name} 加標籤',
  'groups.member.dialogTitle': '{name} 的標籤',
  'groups.member.of': '「{group}」的成員',
  'groups.member.close': '關閉（Esc）',
  'groups.legacyTags': '群組本身的舊標籤（標籤現在標在成員身上，可以移除）：',
  'groups.lead.inGroup': '在「{group}」群組',
} as const;
