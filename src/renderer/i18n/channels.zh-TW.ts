/** Wording for every channel: window states, the channel filter, per-channel report and lead figures (English in channels.en.ts). */
export const zhTWChannels = {
  'window.left.days': '{days} 天',
  'window.left.hours': '{hours} 小時 {minutes} 分',
  'window.left.minutes': '{minutes} 分',
  'window.meta.response': '24 小時回覆視窗：剩 {time}',
  'window.meta.humanAgent': '真人客服視窗（7 天）：剩 {time}',
  'window.meta.held': '客人再次傳訊前，回覆會保留',
  'window.webchat.online': '訪客在線',
  'window.webchat.offline': '訪客離線，下次造訪時會看到',


  'filters.channel': '依管道篩選',
  'filters.channel.all': '全部',
  'filters.channel.option': '{channel}，{count} 則對話',

  'report.channels.title': '各管道回覆',
  'report.channels.note': '上方數字與省下金額以 LINE 計算：每則免費回覆都是一則不用付費的推播。Messenger、Instagram 與網站聊天的回覆本來就免費，只列出則數。',
  'report.channels.free': '{count} 則免費回覆',
  'report.channels.pushes': '{count} 則計費推播',

  'lead.channels': '各管道成員',
  'lead.channels.count': '{channel} {count} 位',
} as const;
