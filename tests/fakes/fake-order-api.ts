/**
 * The quick-cart part of the in-memory `window.inbox` (see fake-inbox-api.ts): a small clothing catalog, orders in
 * every status with reminder histories, and the catalog/orders channels. It wraps the already installed fake's
 * `invoke`, so it must run after it; like that installer it is serialised with Function.prototype.toString and must
 * not reference anything outside its own body.
 */

export interface FakeOrderOptions {
  /** 'none': an empty catalog (version 0) and no orders, for the empty states. */
  orders?: 'some' | 'none';
  now?: number;
}

export function installFakeOrders(options: FakeOrderOptions): void {
  const now = options.now ?? Date.now();
  const HOUR = 3_600_000;
  type Status = 'awaiting_payment' | 'paid' | 'shipped' | 'cancelled';
  type Delivery = 'queued' | 'sending' | 'sent_free' | 'held' | 'sent_push' | 'failed' | 'cancelled';
  interface Line { sku: string; variantId: string | null; name: string; variantLabel: string; unitPrice: number; quantity: number }
  interface Cart {
    lines: Line[];
    shipping: { method: 'seven_eleven' | 'family_mart' | 'home'; storeName: string | null; address: string | null; fee: number; freeShippingThreshold: number | null };
    discount: { kind: 'amount' | 'percent'; value: number } | null;
    note: string;
  }
  const target = globalThis as unknown as Record<string, any>;
  const base = target.inbox as { invoke(channel: string, input: unknown): Promise<unknown>; onChanged: unknown };
  const fake = target.__fakeInbox as {
    emit(scopes: string[]): void;
    conversations: { id: string; friendId: string; displayName: string }[];
    messages: Map<string, any[]>;
    invokes: { channel: string; input: unknown }[];
  };

  const settings = {
    shipping: { fees: { seven_eleven: 60, family_mart: 60, home: 100 }, freeShippingThreshold: 1000 },
    payment: { linkTemplate: 'https://shop.example/pay/{orderNo}' },
    reminders: { delaysMinutes: [720, 2880], whenNoFreeReply: 'hold' as 'hold' | 'push' },
  };
  const sizes = (stock: number[], color: string, sku: string) =>
    ['S', 'M', 'L', 'XL'].map((size, index) => ({ id: `${sku}-${color}-${size}`, size, color, stock: stock[index] ?? 0, price: null }));
  const products =
    options.orders === 'none'
      ? []
      : [
          { sku: 'TS-001', name: '棉麻寬版襯衫', nameEn: 'Linen Relaxed Shirt', price: 980, imageUrl: null, stock: null, variants: [...sizes([4, 12, 2, 0], '白', 'TS-001'), ...sizes([6, 1, 8, 3], '霧藍', 'TS-001')] },
          { sku: 'DR-014', name: '法式碎花洋裝', nameEn: 'French Floral Dress', price: 1480, imageUrl: null, stock: null, variants: sizes([3, 5, 0, 1], '杏', 'DR-014') },
          { sku: 'PT-203', name: '高腰直筒牛仔褲', nameEn: 'High-rise Straight Jeans', price: 1280, imageUrl: null, stock: null, variants: sizes([9, 14, 7, 2], '深藍', 'PT-203') },
          { sku: 'KN-052', name: '燕麥色針織開襟衫', nameEn: 'Oat Knit Cardigan', price: 1180, imageUrl: null, stock: null, variants: [{ id: 'KN-052-F', size: 'F', color: '燕麥', stock: 6, price: null }] },
          { sku: 'AC-101', name: '帆布托特包', nameEn: 'Canvas Tote Bag', price: 490, imageUrl: null, stock: 25, variants: [] },
          { sku: 'AC-118', name: '珍珠髮夾（兩入）', nameEn: 'Pearl Hair Clips (2 pcs)', price: 290, imageUrl: null, stock: 0, variants: [] },
          { sku: 'TS-044', name: '純棉圓領T恤', nameEn: 'Cotton Crew Tee', price: 390, imageUrl: null, stock: null, variants: [...sizes([20, 31, 18, 9], '白', 'TS-044'), ...sizes([11, 0, 4, 6], '黑', 'TS-044')] },
          { sku: 'SK-310', name: '百褶長裙', nameEn: 'Pleated Midi Skirt', price: 1080, imageUrl: null, stock: null, variants: sizes([2, 3, 3, 0], '黑', 'SK-310') },
          { sku: 'OT-501', name: '輕量防潑水風衣', nameEn: 'Light Water-repellent Trench', price: 2480, imageUrl: null, stock: null, variants: sizes([1, 2, 2, 1], '卡其', 'OT-501') },
          { sku: 'AC-130', name: '羊毛混紡圍巾', nameEn: 'Wool Blend Scarf', price: 680, imageUrl: null, stock: 3, variants: [] },
        ];
  let catalogVersion = options.orders === 'none' ? 0 : 3;

  function totalsOf(cart: Cart) {
    let subtotal = 0;
    let itemCount = 0;
    for (const line of cart.lines) {
      subtotal += line.unitPrice * line.quantity;
      itemCount += line.quantity;
    }
    const raw = !cart.discount ? 0 : cart.discount.kind === 'amount' ? cart.discount.value : Math.floor((subtotal * cart.discount.value + 50) / 100);
    const discount = Math.min(subtotal, Math.max(0, raw));
    const threshold = cart.shipping.freeShippingThreshold;
    const freeShipping = itemCount > 0 && threshold !== null && subtotal - discount >= threshold;
    const shippingFee = itemCount === 0 || freeShipping ? 0 : cart.shipping.fee;
    return { itemCount, subtotal, discount, shippingFee, freeShipping, total: subtotal - discount + shippingFee };
  }

  interface Reminder { index: number; dueAt: number; messageId: string | null; delivery: Delivery | null; deliveryReason: string | null; skipped: boolean }
  interface Order {
    orderId: string; orderNo: string | null; conversationId: string; friendId: string; customerName: string; cart: Cart;
    totals: ReturnType<typeof totalsOf>; status: Status; sync: 'queued' | 'synced' | 'rejected'; syncError: string | null;
    createdAt: number; createdBy: string; summary: { messageId: string; delivery: Delivery | null; deliveryReason: string | null } | null;
    summaryQueued: boolean; reminders: Reminder[]; statusChangedAt: number | null; statusSource: 'agent' | 'payment' | null;
  }
  const orders: Order[] = [];
  let orderSeq = 0;
  const day = new Date(now).toISOString().slice(2, 10).replace(/-/g, '');
  const line = (sku: string, variantIndex: number | null, quantity: number): Line => {
    const product = products.find((candidate) => candidate.sku === sku)!;
    const variant = variantIndex === null ? null : product.variants[variantIndex]!;
    return {
      sku,
      variantId: variant ? variant.id : null,
      name: product.name,
      variantLabel: variant ? [variant.color, variant.size].join(' / ') : '',
      unitPrice: variant?.price ?? product.price,
      quantity,
    };
  };
  function seed(conversationIndex: number, status: Status, hoursAgo: number, lines: Line[], shipping: Cart['shipping'], extra: Partial<Order> = {}) {
    const conversation = fake.conversations[conversationIndex];
    if (!conversation) return;
    const cart: Cart = { lines, shipping, discount: extra.cart?.discount ?? null, note: '' };
    const createdAt = now - hoursAgo * HOUR;
    const orderNo = `SO${day}${String(++orderSeq).padStart(4, '0')}`;
    const reminders: Reminder[] = settings.reminders.delaysMinutes.map((minutes, index) => {
      const dueAt = createdAt + minutes * 60_000;
      const due = dueAt <= now;
      const open = status === 'awaiting_payment';
      return {
        index,
        dueAt,
        messageId: due && (open || index === 0) ? `rem-${orderNo}-${index}` : null,
        delivery: due ? (index === 0 ? 'sent_free' : open ? 'held' : null) : null,
        deliveryReason: due && index > 0 && open ? 'no_fresh_token' : null,
        skipped: !open && (!due || index > 0),
      };
    });
    const orderId = `ord_seed_${orderSeq}`;
    const totals = totalsOf(cart);
    const thread = fake.messages.get(conversation.id) ?? [];
    // An order created with 「只建立訂單，不傳送」 has no summary in the thread.
    if (extra.summary !== null) thread.push({
      id: `sum-${orderNo}`, conversationId: conversation.id, direction: 'out', kind: 'text', createdAt, author: '小美',
      text: `【訂單確認】${orderNo}\n${lines.map((item) => `・${item.name}${item.variantLabel ? `（${item.variantLabel}）` : ''} × ${item.quantity}`).join('\n')}\n應付金額 NT$${totals.total.toLocaleString('en-US')}\n\n付款連結：https://shop.example/pay/${orderNo}`,
      delivery: 'sent_free', deliveryReason: null, auto: false, purpose: 'order_summary', orderId,
    });
    thread.sort((a, b) => a.createdAt - b.createdAt);
    fake.messages.set(conversation.id, thread);
    orders.push({
      orderId, orderNo, conversationId: conversation.id, friendId: conversation.friendId, customerName: conversation.displayName,
      totals: totalsOf(cart), status, sync: 'synced', syncError: null, createdAt, createdBy: '小美',
      summary: { messageId: `sum-${orderNo}`, delivery: 'sent_free', deliveryReason: null }, summaryQueued: false, reminders,
      statusChangedAt: status === 'awaiting_payment' ? null : createdAt + 20 * HOUR, statusSource: status === 'paid' ? 'payment' : status === 'awaiting_payment' ? null : 'agent',
      ...extra,
      // `extra.cart` only carries the discount; the full cart was built from it above.
      cart,
    });
  }
  if (options.orders !== 'none') {
    const seven = { method: 'seven_eleven' as const, storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 1000 };
    const family = { method: 'family_mart' as const, storeName: '全家 中山松江店', address: null, fee: 60, freeShippingThreshold: 1000 };
    const home = { method: 'home' as const, storeName: null, address: '台中市西屯區市政路 100 號', fee: 100, freeShippingThreshold: 1000 };
    seed(0, 'awaiting_payment', 3, [line('TS-001', 1, 1), line('AC-101', null, 1)], seven);
    seed(8, 'awaiting_payment', 50, [line('DR-014', 1, 1)], family);
    seed(2, 'paid', 26, [line('PT-203', 2, 1), line('TS-044', 1, 2)], home, { cart: { discount: { kind: 'percent', value: 10 } } as Cart });
    seed(3, 'shipped', 96, [line('KN-052', 0, 1)], seven);
    seed(4, 'cancelled', 72, [line('AC-118', null, 2)], family);
    seed(5, 'awaiting_payment', 1, [line('OT-501', 1, 1)], home, { summary: null });
    orders.push({
      ...orders[0]!,
      orderId: 'ord_queued_1', orderNo: null, conversationId: fake.conversations[6]?.id ?? 'c07', customerName: fake.conversations[6]?.displayName ?? '',
      sync: 'queued', createdAt: now - 5 * 60_000, reminders: [], summary: null,
    });
  }

  const ALL: Status[] = ['awaiting_payment', 'paid', 'shipped', 'cancelled'];
  const NEXT: Record<Status, Status[]> = { awaiting_payment: ['paid', 'cancelled'], paid: ['shipped', 'cancelled'], shipped: [], cancelled: [] };
  const handlers: Record<string, (input: any) => unknown> = {
    'catalog:get': () => ({ version: catalogVersion, catalog: { products, settings }, updatedBy: catalogVersion ? '店長' : null, updatedAt: catalogVersion ? now - 5 * HOUR : null }),
    'catalog:previewCsv': (input: { text: string }) => {
      const rows = input.text.split(/\r?\n/).filter((row) => row.trim() !== '');
      return {
        ok: true,
        preview: {
          products: products.slice(0, 3),
          rowCount: Math.max(0, rows.length - 1),
          errors: [
            { row: 4, column: 'price', code: 'not_integer', value: '12.5' },
            { row: 7, column: 'sku', code: 'required', value: '' },
          ],
          added: 1,
          updated: 2,
        },
      };
    },
    'catalog:save': (input: { catalog: { products: typeof products; settings: typeof settings }; baseVersion: number }) => {
      if (input.baseVersion !== catalogVersion) return { ok: false, code: 'CONFLICT', message: 'The catalog was changed by someone else' };
      products.splice(0, products.length, ...input.catalog.products);
      Object.assign(settings, input.catalog.settings);
      catalogVersion += 1;
      fake.emit(['catalog']);
      return { ok: true, version: catalogVersion };
    },
    'orders:create': (input: { conversationId: string; cart: Cart; sendSummary?: boolean }) => {
      const conversation = fake.conversations.find((candidate) => candidate.id === input.conversationId);
      if (!conversation) return { ok: false, code: 'UNKNOWN_CONVERSATION', message: '找不到這則對話' };
      const totals = totalsOf(input.cart);
      const orderNo = `SO${day}${String(++orderSeq).padStart(4, '0')}`;
      const orderId = `ord_new_${orderSeq}`;
      const order: Order = {
        orderId, orderNo, conversationId: conversation.id, friendId: conversation.friendId, customerName: conversation.displayName, cart: input.cart,
        totals, status: 'awaiting_payment', sync: 'synced', syncError: null, createdAt: Date.now(), createdBy: '小美', summary: null, summaryQueued: false,
        reminders: settings.reminders.delaysMinutes.map((minutes, index) => ({ index, dueAt: Date.now() + minutes * 60_000, messageId: null, delivery: null, deliveryReason: null, skipped: false })),
        statusChangedAt: null, statusSource: null,
      };
      if (input.sendSummary !== false) {
        const list = fake.messages.get(conversation.id) ?? [];
        const messageId = `sum-${orderNo}`;
        list.push({
          id: messageId, conversationId: conversation.id, direction: 'out', kind: 'text', createdAt: Date.now(), author: '小美',
          text: `【訂單確認】${orderNo}\n應付金額 NT$${totals.total.toLocaleString('en-US')}\n\n付款連結：https://shop.example/pay/${orderNo}`,
          delivery: 'sent_free', deliveryReason: null, auto: false, purpose: 'order_summary', orderId,
        });
        fake.messages.set(conversation.id, list);
        order.summary = { messageId, delivery: 'sent_free', deliveryReason: null };
      }
      orders.unshift(order);
      fake.emit(['orders', `orders:${conversation.id}`, `conversation:${conversation.id}`, 'inbox']);
      return { ok: true, orderId, totals };
    },
    'orders:list': (input: { conversationId?: string; status?: Status; query?: string; limit?: number }) => {
      const query = (input.query ?? '').trim().toLowerCase();
      const list = orders
        .filter((order) => !input.conversationId || order.conversationId === input.conversationId)
        .filter((order) => !input.status || order.status === input.status)
        .filter((order) => !query || (order.orderNo ?? '').toLowerCase().includes(query) || order.customerName.toLowerCase().includes(query))
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, input.limit ?? 200);
      const counts = Object.fromEntries(ALL.map((status) => [status, orders.filter((order) => order.status === status).length]));
      return { orders: list, counts };
    },
    'orders:get': (input: { orderId: string }) => orders.find((order) => order.orderId === input.orderId) ?? null,
    'orders:setStatus': (input: { orderId: string; status: Status }) => {
      const order = orders.find((candidate) => candidate.orderId === input.orderId);
      if (!order) return { ok: false, code: 'UNKNOWN_ORDER', message: 'No such order' };
      if (!NEXT[order.status].includes(input.status)) return { ok: false, code: 'BAD_STATUS', message: `An order that is ${order.status} cannot become ${input.status}` };
      order.status = input.status;
      order.statusChangedAt = Date.now();
      order.statusSource = 'agent';
      if (input.status === 'paid' || input.status === 'cancelled') {
        for (const reminder of order.reminders) {
          if (reminder.delivery === 'held') reminder.delivery = 'cancelled';
          else if (reminder.messageId === null) reminder.skipped = true;
        }
      }
      fake.emit(['orders', `orders:${order.conversationId}`]);
      return { ok: true };
    },
  };

  // orders:sendSummary, with the core's checks: the new summary goes free while the reply window is open,
  // as a push with consent, otherwise it waits for the customer (held).
  handlers['orders:sendSummary'] = (input: { orderId: string; push?: boolean }) => {
    const order = orders.find((candidate) => candidate.orderId === input.orderId);
    if (!order) return { ok: false, code: 'UNKNOWN_ORDER', message: 'No such order' };
    if (order.sync !== 'synced') return { ok: false, code: 'NOT_SYNCED', message: 'The order is not on the relay yet' };
    if (order.status !== 'awaiting_payment') return { ok: false, code: 'BAD_STATUS', message: `The order is ${order.status}` };
    if (order.summary && order.summary.delivery !== 'failed' && order.summary.delivery !== 'cancelled') {
      return { ok: false, code: 'SUMMARY_ON_ITS_WAY', message: 'The summary was already sent' };
    }
    const conversation = fake.conversations.find((candidate) => candidate.id === order.conversationId) as { replyWindowOpenedAt?: number | null } | undefined;
    const open = typeof conversation?.replyWindowOpenedAt === 'number' && Date.now() - conversation.replyWindowOpenedAt < 50_000;
    const delivery: Delivery = open ? 'sent_free' : input.push ? 'sent_push' : 'held';
    const deliveryReason = delivery === 'held' ? 'no_fresh_token' : null;
    const messageId = `sum-${order.orderNo}-${Date.now()}`;
    const thread = fake.messages.get(order.conversationId) ?? [];
    thread.push({
      id: messageId, conversationId: order.conversationId, direction: 'out', kind: 'text', createdAt: Date.now(), author: '小美',
      text: `【訂單確認】${order.orderNo}\n應付金額 NT$${order.totals.total.toLocaleString('en-US')}\n\n付款連結：https://shop.example/pay/${order.orderNo}`,
      delivery, deliveryReason, auto: false, purpose: 'order_summary', orderId: order.orderId,
    });
    fake.messages.set(order.conversationId, thread);
    order.summary = { messageId, delivery, deliveryReason };
    fake.emit(['orders', `orders:${order.conversationId}`, `conversation:${order.conversationId}`]);
    return { ok: true };
  };

  target.inbox = {
    ...base,
    invoke(channel: string, input: unknown): Promise<unknown> {
      const handler = handlers[channel];
      if (!handler) return base.invoke(channel, input);
      fake.invokes.push({ channel, input: JSON.parse(JSON.stringify(input ?? null)) });
      return new Promise((resolve) => setTimeout(() => resolve(JSON.parse(JSON.stringify(handler(input ?? {})))), 40));
    },
  };
  target.__fakeOrders = { orders, products, settings };
}
