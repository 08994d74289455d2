/**
 * An in-memory `window.inbox` (the renderer's InboxApi) with realistic zh-TW shop conversations, for
 * screenshots and browser tests without the desktop core. `fakeInboxApiScript(options)` returns a script
 * for Playwright's `page.addInitScript({ content })`; the page then exposes `window.__fakeInbox` with the
 * recorded invokes and a way to push change events.
 *
 * The installer is serialised with Function.prototype.toString, so it must not reference anything
 * outside its own body.
 */

import { installFakeOrders, type FakeOrderOptions } from './fake-order-api';

export interface FakeInboxOptions {
  /** Catalog and orders (tests/fakes/fake-order-api.ts); default 'some'. */
  orders?: FakeOrderOptions['orders'];
  session?: 'signed_out' | 'signed_in';
  /** The signed-in agent's role; default 'agent' (leads may save the catalog, rules and settings). */
  role?: 'agent' | 'lead';
  demoAvailable?: boolean;
  /** How the app says the token is kept; default 'os_encrypted'. */
  tokenStorage?: 'os_encrypted' | 'owner_only_file';
  /** The signed-in session's connection; default 'https'. */
  transport?: 'https' | 'http_loopback' | 'http_local_network';
  /** 'none' shows the empty inbox. */
  conversations?: 'many' | 'none';
  connection?: 'connecting' | 'online' | 'offline' | 'unauthorized';
  pendingCount?: number;
  /** 'mixed': the outbox holds a waiting, a sending and a refused reply (for the "待傳送" panel). */
  outbox?: 'none' | 'mixed';
  catchUp?: { applied: number; total: number } | null;
  /** Delay of every answer, to make loading states visible. */
  latencyMs?: number;
  /** Fixed "now" for reproducible data; defaults to the page's clock. */
  now?: number;
  /** The monthly push quota shown in the top bar; null = not known yet. Default: 37 of 200 used. */
  quota?: { used: number; limit: number | null; blocked: boolean } | null;
}

/** What a test reads back through `page.evaluate(() => window.__fakeInbox.invokes)`. */
export interface RecordedInvoke {
  channel: string;
  input: unknown;
}

function installFakeInboxApi(options: FakeInboxOptions): void {
  const now = options.now ?? Date.now();
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  const latency = options.latencyMs ?? 40;

  type Delivery = 'queued' | 'sending' | 'sent_free' | 'held' | 'sent_push' | 'failed' | 'cancelled';
  interface Message {
    id: string;
    conversationId: string;
    direction: 'in' | 'out';
    kind: string;
    text: string;
    createdAt: number;
    author: string | null;
    delivery: Delivery | null;
    deliveryReason: string | null;
    auto?: boolean;
    purpose: 'reply' | 'order_summary' | 'payment_reminder';
    orderId: string | null;
  }
  type Channel = 'line' | 'messenger' | 'instagram' | 'webchat';
  type OtherWindow =
    | { gate: 'messaging_window'; lastCustomerMessageAt: number | null; humanAgentAllowed: boolean }
    | { gate: 'none'; visitorOnline: boolean };
  interface Conversation {
    id: string;
    channel: Channel;
    /** Messenger / Instagram / web chat; LINE's window is replyWindowOpenedAt. */
    window?: OtherWindow;
    friendId: string;
    displayName: string;
    pictureUrl: string | null;
    unreadCount: number;
    replyWindowOpenedAt: number | null;
  }

  const names = [
    '陳小姐', '林志明', 'Amy Wu', '王媽媽', '張雅婷', '李先生', '黃美玲', '吳建宏', '蔡佩珊', 'Kevin Lin',
    '劉怡君', '楊宗翰', '許淑芬', '鄭家豪', '謝欣怡', '郭俊傑', '洪小雨', '曾文華', '廖思妤', '賴冠宇',
    '周媽咪', '徐小姐', '孫大哥', 'Mark 馬克', '朱婉婷', '胡先生', '高雅琪', '林阿姨', '何宜蓁', '羅志偉',
    '梁小姐', '宋佳蓉', '唐先生', '韓美琪', 'Jessica Chen', '馮小妹', '董子軒', '蕭淑惠', '程浩', '曹媽媽',
  ];
  const questions = [
    '請問這件洋裝還有M號嗎？',
    '運費怎麼算？',
    '7-11 取貨要幾天',
    '我想退貨',
    '請問可以開統編嗎？',
    '訂單 TW2403150021 什麼時候出貨？',
    '這款杯子有現貨嗎？',
    '可以貨到付款嗎？',
    '尺寸表在哪裡看？',
    '滿千免運還有嗎？',
    '收到的顏色跟照片不太一樣',
    '週年慶折扣碼要怎麼用？',
    '請問全家可以取貨嗎',
    '我下單後想改地址',
    '發票可以寄電子的嗎？',
  ];
  const answers = [
    '您好，M號目前還有現貨喔！需要幫您保留嗎？',
    '滿 NT$990 免運，未滿運費 NT$60 😊',
    '超商取貨大約 2–3 個工作天會到店，到店會有簡訊通知～',
    '好的，我們幫您申請退貨，請提供訂單編號與商品照片',
    '可以的，結帳時在備註填寫統編和抬頭就可以了',
    '這筆訂單已經出貨囉，物流單號稍後傳給您',
    '有的，目前白色和霧藍色都有現貨',
  ];
  const agents = ['小美', '阿凱'];

  const conversations: Conversation[] = [];
  const shopTags = ['VIP', '已下單', '退貨中', '尺寸M', '詢問補貨'].map((name) => ({ key: name.toLowerCase(), name, count: 0 }));
  const messages = new Map<string, Message[]>();
  let messageSeq = 0;
  const nextMessageId = () => `m${String(++messageSeq).padStart(6, '0')}`;

  function add(conversationId: string, direction: 'in' | 'out', text: string, createdAt: number, delivery: Delivery | null = null, deliveryReason: string | null = null): Message {
    const message: Message = {
      id: nextMessageId(),
      conversationId,
      direction,
      kind: 'text',
      text,
      createdAt,
      author: direction === 'out' ? agents[messageSeq % agents.length]! : null,
      delivery: direction === 'out' ? (delivery ?? 'sent_free') : null,
      deliveryReason,
      purpose: 'reply',
      orderId: null,
    };
    const list = messages.get(conversationId) ?? [];
    list.push(message);
    messages.set(conversationId, list);
    return message;
  }

  if (options.conversations !== 'none') {
    names.forEach((name, index) => {
      const id = `c${String(index + 1).padStart(2, '0')}`;
      const conversation: Conversation = {
        id,
        channel: 'line',
        friendId: `U${(index + 1).toString(16).padStart(32, 'a')}`,
        displayName: name,
        pictureUrl: null,
        unreadCount: 0,
        replyWindowOpenedAt: null,
      };
      conversations.push(conversation);
      // Later conversations are older: minutes, then hours, then days ago.
      const lastAt = now - (index < 3 ? index * 4 * MIN + 20_000 : index < 12 ? index * 47 * MIN : index * 9 * HOUR);
      const question = questions[index % questions.length]!;
      const answer = answers[index % answers.length]!;
      if (index === 0) {
        // An open free-reply window: the customer just wrote.
        add(id, 'in', '哈囉～我上週買的碎花洋裝很好看！', now - 2 * DAY - 3 * HOUR);
        add(id, 'out', '謝謝您的支持 🥰 有任何問題都可以問我們喔', now - 2 * DAY - 3 * HOUR + 4 * MIN, 'sent_free');
        add(id, 'in', '我想再買一件送朋友', now - 30_000);
        add(id, 'in', question, now - 12_000);
        conversation.unreadCount = 2;
        conversation.replyWindowOpenedAt = now - 8_000;
        return;
      }
      if (index === 1) {
        // Held, failed, pushed and queued replies side by side.
        add(id, 'in', '運費怎麼算？', now - DAY - 2 * HOUR);
        add(id, 'out', '滿 NT$990 免運，未滿運費 NT$60 😊', now - DAY - 2 * HOUR + 20_000, 'sent_free');
        add(id, 'in', '那寄到金門呢？', now - DAY - HOUR);
        add(id, 'out', '您好，您的訂單已出貨，物流單號 8812 3345 6790', now - DAY + 3 * HOUR, 'sent_push');
        add(id, 'out', '金門運費是 NT$150，滿 NT$2,000 一樣免運喔', now - 26 * MIN, 'held');
        add(id, 'out', '另外提醒您，週年慶折扣碼 ANNIV10 今天截止', now - 25 * MIN, 'failed', 'line_unconfirmed');
        add(id, 'out', '需要的話我可以幫您先保留商品', now - 24 * MIN, 'queued');
        return;
      }
      if (index === 2) {
        // A long history, to page through older messages.
        for (let day = 40; day >= 1; day--) {
          for (let k = 0; k < 6; k++) {
            const at = now - day * DAY + k * 7 * MIN;
            if (k % 2 === 0) add(id, 'in', questions[(day + k) % questions.length]!, at);
            else add(id, 'out', answers[(day + k) % answers.length]!, at, 'sent_free');
          }
          // Far beyond the first page: the only message with this word, for the search-jump test.
          if (day === 38) add(id, 'in', '之前看到的薰衣草紫色款式還會再進貨嗎？', now - day * DAY + 50 * MIN);
        }
        add(id, 'in', '7-11 取貨要幾天', lastAt - 2 * MIN);
        add(id, 'out', '超商取貨大約 2–3 個工作天會到店，到店會有簡訊通知～', lastAt, 'sent_free');
        return;
      }
      if (index === 3) {
        // About to close: the amber countdown.
        add(id, 'in', '請問全家可以取貨嗎', now - 41_000);
        conversation.replyWindowOpenedAt = now - 41_000;
        conversation.unreadCount = 1;
        return;
      }
      add(id, 'in', question, lastAt - 6 * MIN);
      if (index % 3 === 0) {
        add(id, 'out', answer, lastAt - 3 * MIN, 'sent_free');
        add(id, 'in', '好，謝謝！', lastAt);
      } else if (index % 3 === 1) {
        add(id, 'out', answer, lastAt, index % 7 === 1 ? 'sent_push' : 'sent_free');
      } else {
        add(id, 'in', '在嗎？', lastAt);
      }
      if (index === 5 || index === 8) conversation.unreadCount = index === 5 ? 3 : 1;
    });
  }

  if (options.conversations !== 'none') {
    // One conversation of each other channel, recent enough to be on the first screen of the inbox.
    const other = (id: string, channel: Channel, friendId: string, displayName: string, window: OtherWindow): Conversation => {
      const conversation: Conversation = { id, channel, friendId, displayName, pictureUrl: null, unreadCount: 0, replyWindowOpenedAt: null, window };
      conversations.push(conversation);
      return conversation;
    };
    // Messenger: the customer wrote 35 minutes ago — 23 h 25 m of Meta's 24 h window are left.
    other('m01', 'messenger', 'PSID5520881', 'Mia Lin', { gate: 'messaging_window', lastCustomerMessageAt: now - 35 * MIN, humanAgentAllowed: true });
    add('m01', 'in', '請問碎花洋裝 M 號還有嗎？想買兩件', now - 36 * MIN);
    add('m01', 'in', '可以寄到台中嗎', now - 35 * MIN);
    conversations[conversations.length - 1]!.unreadCount = 2;
    // Instagram: the customer wrote 3 days ago; the page has human-agent approval (4 days left).
    other('i01', 'instagram', 'IGSID7781', 'yuki.closet', { gate: 'messaging_window', lastCustomerMessageAt: now - 3 * DAY, humanAgentAllowed: true });
    add('i01', 'in', '限動那件針織外套還有米色嗎？', now - 3 * DAY);
    add('i01', 'out', '您好～米色 S、M 都還有喔！', now - 72 * MIN, 'sent_free');
    // Web chat: the visitor is on the shop's site right now.
    other('w01', 'webchat', 'cust-1042', '網站訪客 王先生', { gate: 'none', visitorOnline: true });
    add('w01', 'in', '你們的實體門市週末有開嗎？', now - 9 * MIN);
  }

  // A few of the demo shop's rules; suggestions match keywords by substring, enough for screens.
  let rulesVersion = 1;
  let rules = [
    { id: 'size-chart', title: '尺寸建議', keywords: ['尺寸', 'M號', '身高'], examples: ['我160公分穿什麼尺寸'], reply: '您好～方便提供身高體重嗎？我們幫您推薦尺寸喔！' },
    { id: 'restock', title: '補貨與預購', keywords: ['還有', '補貨', '現貨'], examples: ['這件還會補貨嗎'], reply: '目前 M 號還有少量現貨，售完會在 2–3 週內補貨喔！' },
    { id: 'shipping-fee', title: '運費與免運門檻', keywords: ['運費', '免運'], examples: ['運費怎麼算？'], reply: '超商取貨運費 60 元，滿 NT$1,200 免運喔！' },
    { id: 'store-hours', title: '實體門市與營業時間', keywords: ['營業時間', '門市'], examples: ['幾點開門'], reply: '門市每日 12:00–21:00 營業（週一公休）。', autoSend: true },
  ] as Array<{ id: string; title: string; keywords: string[]; examples: string[]; reply: string; autoSend?: boolean }>;
  function suggestFor(text: string) {
    return rules
      .map((rule) => ({ rule, keyword: rule.keywords.find((keyword) => text.toLowerCase().includes(keyword.toLowerCase())) }))
      .filter((found): found is { rule: (typeof rules)[number]; keyword: string } => found.keyword !== undefined)
      .slice(0, 3)
      .map(({ rule, keyword }, index) => ({
        ruleId: rule.id,
        title: rule.title,
        reply: rule.reply,
        score: Math.max(0.5, 0.97 - index * 0.2),
        matchedBy: 'keyword',
        reason: { kind: 'keyword', text: keyword, approximate: false },
        autoSend: index === 0 && rule.autoSend === true,
      }));
  }

  const listeners = new Set<(event: { scopes: string[] }) => void>();
  const invokes: Array<{ channel: string; input: unknown }> = [];
  const tokenStorage = options.tokenStorage ?? 'os_encrypted';
  const signedOut = { state: 'signed_out', demoAvailable: options.demoAvailable ?? true, tokenStorage, refusedRelayUrl: null };
  let session: unknown =
    options.session === 'signed_in'
      ? {
          state: 'signed_in',
          relayUrl: options.transport && options.transport !== 'https' ? 'http://192.168.1.20:8787' : 'https://relay.flowerdress.tw',
          transport: options.transport ?? 'https',
          tokenStorage,
          agentName: '小美',
          role: options.role ?? 'agent',
          demo: false,
        }
      : signedOut;

  function emit(scopes: string[]): void {
    setTimeout(() => listeners.forEach((listener) => listener({ scopes })), 0);
  }

  function summary(conversation: Conversation) {
    const list = messages.get(conversation.id) ?? [];
    const last = list[list.length - 1] ?? null;
    const { window, ...rest } = conversation;
    return {
      ...rest,
      replyWindow: window ?? { gate: 'reply_token', tokenReceivedAt: conversation.replyWindowOpenedAt },
      lastMessageAt: last ? last.createdAt : null,
      lastMessagePreview: last ? last.text : '',
      lastMessageDirection: last ? last.direction : null,
    };
  }

  function sortedSummaries() {
    return conversations
      .map(summary)
      .sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  const outboxItems: {
    id: string;
    type: string;
    conversationId: string;
    conversationName: string;
    summary: string;
    state: 'queued' | 'sending' | 'failed';
    attempts: number;
    lastError: string | null;
    nextAttemptAt: number | null;
    createdAt: number;
  }[] =
    options.outbox === 'mixed'
      ? [
          { id: 'ob-1', type: 'reply.send', conversationId: 'c1', conversationName: '林佳蓉', summary: '您好，M 號明天會補貨，幫您先保留一件喔！', state: 'sending', attempts: 1, lastError: null, nextAttemptAt: null, createdAt: now - 6 * MIN },
          { id: 'ob-2', type: 'reply.send', conversationId: 'c2', conversationName: '陳志明', summary: '訂單 #A10293 已安排今天出貨，物流單號稍後提供。', state: 'queued', attempts: 3, lastError: '中繼站沒有在 10 秒內回應', nextAttemptAt: now + 40_000, createdAt: now - 4 * MIN },
          { id: 'ob-3', type: 'reply.send', conversationId: 'c9', conversationName: '王小美', summary: '退貨流程：請把商品寄回後拍照給我們，收到後三天內退款。', state: 'failed', attempts: 1, lastError: '中繼站找不到這則對話（可能已被刪除）', nextAttemptAt: null, createdAt: now - 2 * MIN },
        ]
      : [];
  const drafts = new Map<string, string>();
  // The team inbox: every conversation needs a reply by default, nobody has it, notes land in the thread.
  const teamHandlers: Record<string, (input: any) => unknown> = {
    'inbox:viewCounts': () => {
      const total = conversations.length;
      return { needs_reply: total, mine: 0, unassigned: total, all: total, done: 0 };
    },
    'workflow:nextWaiting': () => ({ conversationId: conversations[0]?.id ?? null }),
    'workflow:setStatus': () => ({ ok: true }),
    'workflow:assign': () => ({ ok: true }),
    'workflow:addNote': () => ({ ok: true, noteId: `note-${Date.now()}` }),
    'workflow:clearMentions': () => ({ ok: true }),
    'workflow:heldOverdue': () => ({ count: 0, alertMinutes: 30, oldestConversationId: null }),
    'customer:get': (input: { conversationId: string }) => {
      const conversation = conversations.find((item) => item.id === input.conversationId);
      if (!conversation) return null;
      const list = messages.get(conversation.id) ?? [];
      return {
        conversationId: conversation.id,
        friendId: conversation.friendId,
        displayName: conversation.displayName,
        pictureUrl: conversation.pictureUrl,
        channel: conversation.channel,
        firstContactAt: list[0]?.createdAt ?? null,
        lastContactAt: list[list.length - 1]?.createdAt ?? null,
        note: { text: '', updatedBy: null, updatedAt: null, pending: false },
        otherConversations: [],
      };
    },
    'customer:setNote': () => ({ ok: true }),
    'team:members': () => ({
      me: '小美',
      role: options.role ?? 'agent',
      members: [
        { name: '小美', role: options.role ?? 'agent', online: true },
        { name: '店長', role: 'lead', online: false },
      ],
    }),
    'settings:get': () => ({ version: 0, settings: { heldReplyAlertMinutes: 30, autoAssign: 'off' } }),
    'settings:save': () => ({ ok: true, version: 1 }),
    'team:report': () => {
      if ((options.role ?? 'agent') !== 'lead') return { ok: false, code: 'FORBIDDEN', message: 'Only a team lead may see the team report' };
      const row = (agent: string, handled: number, median: number | null, free: number, pushed: number, expired: number) => ({
        agent,
        conversationsHandled: handled,
        firstResponses: handled + 2,
        medianFirstResponseMs: median,
        freeReplies: free,
        pushedReplies: pushed,
        heldExpired: expired,
      });
      return {
        ok: true,
        report: {
          from: '2026-03-02',
          to: '2026-03-08',
          heldReplyAlertMinutes: 30,
          agents: [row('小美', 42, 4 * 60_000 + 30_000, 118, 3, 1), row('阿杰', 35, 7 * 60_000, 96, 0, 2), row('店長', 6, 2 * 60_000, 14, 1, 0)],
          days: [
            { ...row('小美', 9, 3 * 60_000, 25, 1, 0), day: '2026-03-08' },
            { ...row('阿杰', 7, 6 * 60_000, 19, 0, 1), day: '2026-03-08' },
            { ...row('小美', 8, 5 * 60_000, 22, 0, 1), day: '2026-03-07' },
          ],
          channels: [
            { ...row('小美', 30, 4 * 60_000, 80, 3, 1), channel: 'line' },
            { ...row('阿杰', 12, 8 * 60_000, 31, 0, 2), channel: 'messenger' },
            { ...row('小美', 12, 5 * 60_000, 38, 0, 0), channel: 'webchat' },
          ],
        },
      };
    },
    'team:tokens': () => ({
      ok: true,
      tokens: [
        { name: '店長', role: 'lead', createdAt: now - 40 * 24 * 60 * MIN, revokedAt: null, online: true },
        { name: '小美', role: 'agent', createdAt: now - 30 * 24 * 60 * MIN, revokedAt: null, online: true },
        { name: '阿杰', role: 'agent', createdAt: now - 20 * 24 * 60 * MIN, revokedAt: null, online: false },
        { name: '工讀生', role: 'agent', createdAt: now - 60 * 24 * 60 * MIN, revokedAt: now - 10 * 24 * 60 * MIN, online: false },
      ],
    }),
    'team:createToken': (input: { name: string }) => ({ ok: true, token: `sia_fake_${input.name}` }),
    'team:revokeToken': () => ({ ok: true, revoked: 1 }),
    'team:reportCsv': () => ({ ok: true, filename: 'shop-inbox-team.csv', csv: '\uFEFF範圍\r\n' }),
  };
  const handlers: Record<string, (input: any) => unknown> = {
    ...teamHandlers,
    'session:get': () => session,
    // Nothing new arrives in the fake: the badge shows what is unread, "next unanswered" the longest wait.
    'attention:incoming': () => ({ cursor: 0, messages: [], unreadTotal: conversations.reduce((sum, c) => sum + c.unreadCount, 0) }),
    'session:signIn': (input: { relayUrl: string; token: string }) => {
      if (input.token.trim() !== 'good-token') return { ok: false, code: 'UNAUTHORIZED', message: 'The relay rejected this agent token' };
      const transport = input.relayUrl.startsWith('http://') ? 'http_local_network' : 'https';
      session = { state: 'signed_in', relayUrl: input.relayUrl, transport, tokenStorage, agentName: '小美', role: 'agent', demo: false };
      return { ok: true, session };
    },
    'session:signInDemo': () => {
      session = { state: 'signed_in', relayUrl: 'http://127.0.0.1:8787', transport: 'http_loopback', tokenStorage, agentName: '示範客服', role: 'lead', demo: true };
      return { ok: true, session };
    },
    'session:signOut': () => {
      session = signedOut;
      return { ok: true, unsentFile: null, unsentCount: 0 };
    },
    'store:health': () => ({ state: 'ok' }),
    'store:recover': () => ({ ok: false, code: 'NOT_DAMAGED', message: 'The local store is not damaged' }),
    'inbox:list': (input: { limit?: number; before?: { lastMessageAt: number; id: string } | null; filter?: { channel?: Channel | null } }) => {
      const channel = input.filter?.channel ?? null;
      const all = sortedSummaries().filter((c) => channel === null || c.channel === channel);
      const before = input.before ?? null;
      const after = before
        ? all.filter((c) => (c.lastMessageAt ?? -1) < before.lastMessageAt || ((c.lastMessageAt ?? -1) === before.lastMessageAt && c.id < before.id))
        : all;
      return { conversations: after.slice(0, input.limit ?? 100), total: all.length };
    },
    'conversation:get': (input: { conversationId: string }) => {
      const conversation = conversations.find((c) => c.id === input.conversationId);
      return conversation ? summary(conversation) : null;
    },
    'conversation:messages': (input: { conversationId: string; limit?: number; before?: { createdAt: number; id: string } | null }) => {
      const list = [...(messages.get(input.conversationId) ?? [])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const before = input.before ?? null;
      const older = before ? list.filter((m) => m.createdAt < before.createdAt || (m.createdAt === before.createdAt && m.id < before.id)) : list;
      const limit = input.limit ?? 200;
      return { messages: older.slice(Math.max(0, older.length - limit)), hasMore: older.length > limit };
    },
    'conversation:markRead': (input: { conversationId: string }) => {
      const conversation = conversations.find((c) => c.id === input.conversationId);
      if (conversation && conversation.unreadCount > 0) {
        conversation.unreadCount = 0;
        emit(['inbox']);
      }
      return { ok: true };
    },
    'drafts:get': (input: { conversationId: string }) => ({ text: drafts.get(input.conversationId) ?? '', updatedAt: null }),
    'drafts:save': (input: { conversationId: string; text: string }) => {
      if (input.text.trim() === '') drafts.delete(input.conversationId);
      else drafts.set(input.conversationId, input.text);
      return { ok: true };
    },
    'reply:send': (input: { conversationId: string; text: string; push?: boolean }) => {
      drafts.delete(input.conversationId);
      const conversation = conversations.find((c) => c.id === input.conversationId);
      if (!conversation) return { ok: false, code: 'not_found', message: '找不到這則對話' };
      // Each channel's rule: LINE's token, Meta's 24 h (7 d with human-agent approval), web chat always free.
      const window = conversation.window;
      const age = window?.gate === 'messaging_window' && window.lastCustomerMessageAt !== null ? Date.now() - window.lastCustomerMessageAt : Infinity;
      const open = !window
        ? conversation.replyWindowOpenedAt !== null && Date.now() - conversation.replyWindowOpenedAt < 50_000
        : window.gate === 'none' || age < DAY || (window.humanAgentAllowed && age < 7 * DAY);
      const message = add(conversation.id, 'out', input.text, Date.now(), open ? 'sending' : input.push ? 'sent_push' : 'held');
      message.author = '小美';
      if (open) {
        conversation.replyWindowOpenedAt = null; // a reply token is single-use
        setTimeout(() => {
          message.delivery = 'sent_free';
          emit([`conversation:${conversation.id}`]);
        }, 700);
      }
      emit(['inbox', `conversation:${conversation.id}`]);
      return { ok: true, messageId: message.id };
    },
    'reply:cancel': (input: { messageId: string }) => changeMessage(input.messageId, (message) => (message.delivery = 'cancelled')),
    'reply:edit': (input: { messageId: string; text: string }) => changeMessage(input.messageId, (message) => (message.text = input.text)),
    'reply:push': (input: { messageId: string }) =>
      changeMessage(input.messageId, (message) => {
        message.delivery = 'sent_push';
        message.deliveryReason = null;
      }),
    'quota:get': () => {
      const quota = options.quota === undefined ? { used: 37, limit: 200, blocked: false } : options.quota;
      if (quota === null) return null;
      const plan = { id: 'light', name: '輕用量', monthlyFeeNtd: 0, includedMessages: 200, extraPerMessageNtd: null };
      return { type: quota.limit === null ? 'none' : 'limited', ...quota, polledAt: now - 3 * MIN, plan };
    },
    'report:savings': (input: { days?: number }) => savingsReport(input.days ?? 30),
    'report:savingsCsv': (input: { days?: number }) => {
      const report = savingsReport(input.days ?? 30);
      const lines = report.rows.map((row) => [row.day, row.agent, row.freeReplies, row.countedPushes, row.savedNtd.toFixed(2)].join(','));
      return { filename: 'savings.csv', csv: `\uFEFF日期,客服,免費回覆,計費推播,節省金額（NT$）\r\n${lines.join('\r\n')}\r\n` };
    },
    'suggestions:forConversation': (input: { conversationId: string }) => {
      const list = messages.get(input.conversationId) ?? [];
      const last = [...list].sort((a, b) => a.createdAt - b.createdAt)[list.length - 1];
      if (!last || last.direction !== 'in') return { state: 'ready', messageId: null, suggestions: [] };
      return { state: 'ready', messageId: last.id, suggestions: suggestFor(last.text) };
    },
    'presence:typing': () => ({ ok: true }),
    'rules:get': () => ({ version: rulesVersion, rules, updatedBy: '店長', updatedAt: now - HOUR }),
    'rules:save': (input: { rules: typeof rules; baseVersion: number }) => {
      if (input.baseVersion !== rulesVersion) return { ok: false, code: 'CONFLICT', message: 'The rules were changed by someone else' };
      rules = input.rules;
      rulesVersion += 1;
      emit(['rules']);
      return { ok: true, version: rulesVersion };
    },
    'rules:test': (input: { text: string }) => ({ suggestions: suggestFor(input.text) }),
    'rules:learned': () => ({
      examples: [
        { feedbackId: 'fb-1', ruleId: rules[0]?.id ?? 'shipping-fee', verdict: 'accepted', text: '寄過來要另外付錢嗎', agentName: '小美', at: now - HOUR, review: null, pending: false },
        { feedbackId: 'fb-2', ruleId: rules[0]?.id ?? 'shipping-fee', verdict: 'edited', text: '買兩件可以不用付寄的錢嗎', agentName: '阿凱', at: now - 2 * HOUR, review: 'kept', pending: false },
      ],
    }),
    'rules:reviewLearned': () => ({ ok: true }),
    'suggestions:feedback': () => ({ ok: true }),
    'search:messages': (input: { query: string; limit?: number }) => {
      // Like the core's search: substring match, newest first, the match marked in a short snippet.
      const query = input.query.trim().toLowerCase();
      const hits = [...messages.values()]
        .flat()
        .filter((m) => m.text.toLowerCase().includes(query))
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, input.limit ?? 50)
        .map((m) => {
          const at = m.text.toLowerCase().indexOf(query);
          return {
            messageId: m.id,
            conversationId: m.conversationId,
            conversationName: conversations.find((c) => c.id === m.conversationId)?.displayName ?? m.conversationId,
            channel: conversations.find((c) => c.id === m.conversationId)?.channel ?? 'line',
            direction: m.direction,
            createdAt: m.createdAt,
            snippet: m.text,
            highlights: [{ start: at, end: at + query.length }],
          };
        });
      return { hits };
    },
    // Tags: a small fixed shop tag list; friends start untagged here (the Chromium tagging test uses the real core).
    'tags:list': () => ({ tags: shopTags }),
    'tags:ofFriend': () => ({ tags: [], max: 10, rejections: [] }),
    'tags:members': () => ({ members: [] }),
    'inbox:counts': (input: { unreadOnly?: boolean; channel?: Channel | null }) => {
      const inUnread = conversations.filter((conversation) => !input.unreadOnly || conversation.unreadCount > 0);
      const inChannel = (list: Conversation[]) => list.filter((conversation) => !input.channel || conversation.channel === input.channel);
      const unread = inChannel(conversations.filter((conversation) => conversation.unreadCount > 0)).length;
      const all = inChannel(inUnread).length;
      const channels = { line: 0, messenger: 0, instagram: 0, webchat: 0 };
      for (const conversation of inUnread) channels[conversation.channel] += 1;
      return { all, unread, noTags: all, tags: shopTags, channels };
    },
    'outbox:list': () => ({ items: outboxItems }),
    'outbox:retry': (input: { id: string }) => {
      const item = outboxItems.find((candidate) => candidate.id === input.id);
      if (!item) return { ok: false, code: 'NOT_PENDING', message: '這則訊息已經送出了' };
      item.state = 'queued';
      item.lastError = null;
      item.nextAttemptAt = null;
      emit(['sync']);
      return { ok: true, id: item.id };
    },
    'sync:status': () => ({
      connection: options.connection ?? 'online',
      pendingCount: options.pendingCount ?? 0,
      catchUp: options.catchUp ?? null,
      lastSyncedAt: now,
      lastError: null,
    }),
  };

  function changeMessage(messageId: string, change: (message: Message) => void) {
    for (const [conversationId, list] of messages) {
      const message = list.find((candidate) => candidate.id === messageId);
      if (!message) continue;
      change(message);
      emit([`conversation:${conversationId}`]);
      return { ok: true, delivery: message.delivery };
    }
    return { ok: false, code: 'UNKNOWN_MESSAGE', message: 'No such message' };
  }

  /** Deterministic daily numbers for the savings report (two agents, more free replies than pushes). */
  function savingsReport(days: number) {
    const rows = [];
    for (let index = days - 1; index >= 0; index -= 1) {
      const day = new Date(now - index * DAY).toISOString().slice(0, 10);
      for (const [agentIndex, agent] of ['小美', '阿傑'].entries()) {
        const freeReplies = 18 + ((index * 7 + agentIndex * 5) % 23);
        const countedPushes = (index + agentIndex) % 4 === 0 ? 1 + (index % 3) : 0;
        rows.push({ day, agent, freeReplies, countedPushes, savedNtd: Math.round(freeReplies * 0.2 * 100) / 100 });
      }
    }
    const freeReplies = rows.reduce((sum, row) => sum + row.freeReplies, 0);
    const countedPushes = rows.reduce((sum, row) => sum + row.countedPushes, 0);
    return {
      from: rows[0]!.day,
      to: rows[rows.length - 1]!.day,
      pricePerPushNtd: 0.2,
      planName: '輕用量',
      rows,
      totals: { freeReplies, countedPushes, savedNtd: Math.round(freeReplies * 20) / 100, pushCostNtd: Math.round(countedPushes * 20) / 100 },
      channels: [
        { channel: 'line', freeReplies, countedPushes },
        { channel: 'messenger', freeReplies: 12 * days, countedPushes: 0 },
        { channel: 'instagram', freeReplies: 7 * days, countedPushes: 0 },
        { channel: 'webchat', freeReplies: 4 * days, countedPushes: 0 },
      ],
    };
  }

  const api = {
    invoke(channel: string, input: unknown): Promise<unknown> {
      invokes.push({ channel, input: JSON.parse(JSON.stringify(input ?? null)) });
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          const handler = handlers[channel];
          if (!handler) reject(new Error(`Unknown channel ${channel}`));
          else resolve(JSON.parse(JSON.stringify(handler(input ?? {}))));
        }, latency);
      });
    },
    onChanged(listener: (event: { scopes: string[] }) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const target = globalThis as unknown as Record<string, unknown>;
  target.inbox = api;
  target.__fakeInbox = { invokes, emit, conversations, messages };
}

/** The init script: installs the fake before any page script runs. */
export function fakeInboxApiScript(options: FakeInboxOptions = {}): string {
  // Bundlers may wrap named functions in a `__name(...)` helper that does not exist in the page.
  const orderOptions: FakeOrderOptions = { orders: options.orders ?? 'some', ...(options.now === undefined ? {} : { now: options.now }) };
  return [
    'var __name = (fn) => fn;',
    `(${installFakeInboxApi.toString()})(${JSON.stringify(options)});`,
    `(${installFakeOrders.toString()})(${JSON.stringify(orderOptions)});`,
  ].join('\n');
}
