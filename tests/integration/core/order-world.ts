import { createMemoryCredentialStore } from '../../../src/main/core';
import type { OrderView } from '../../../src/shared/ipc/order-contract';
import { cartSchema, type CartInput } from '../../../src/shared/orders/cart-schema';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { startAgentLink, type AgentLink } from '../../support/agent-link';
import { waitFor } from '../../support/processes';
import { startCore, type CoreHarness } from '../../unit/core/support/core-harness';
import { startRelayHarness, type RelayHarness } from '../relay/harness';
import { customerWrites, PAYMENT_SECRET } from '../relay/order-fixtures';

/**
 * The quick cart end to end: the desktop core (real, its own SQLite file) talks to the real relay (in
 * process, real port, real SQLite folder, test clock) through an agent link it cannot tell from the network;
 * the relay talks to the fake LINE platform. One customer has written once, so the conversation exists.
 */
export interface OrderWorld {
  h: RelayHarness;
  link: AgentLink;
  harness: CoreHarness;
  userId: string;
  conversationId: string;
  /** The customer writes (a signed LINE webhook with a fresh reply token); returns the token. */
  customerWrites(text: string): Promise<string>;
  /** Creates an order through the core's IPC handler, as the cart panel does; returns its id. */
  createOrder(cart?: CartInput, options?: { sendSummary?: boolean }): Promise<string>;
  /** The core's view of the order (orders:get), null when it has none. */
  order(orderId: string): Promise<OrderView | null>;
  /** Waits until the core's view of the order satisfies `check`; returns that view. */
  orderWhen(orderId: string, check: (view: OrderView) => boolean, what: string): Promise<OrderView>;
  pendingCount(): Promise<number>;
  close(): Promise<void>;
}

/** 2 × 390 + 1 × 500 = 1,280 − 100 = 1,180 ≥ 1,000 → free 7-11 pickup: NT$1,180, 3 items. */
export const giftCart: CartInput = {
  lines: [
    { sku: 'TS-001', variantId: 'TS-001-WH-M', name: '純棉短T', variantLabel: '白 / M', unitPrice: 390, quantity: 2 },
    { sku: 'DR-002', variantId: null, name: '碎花洋裝', variantLabel: '', unitPrice: 500, quantity: 1 },
  ],
  shipping: { method: 'seven_eleven', storeName: '信義門市', fee: 60, freeShippingThreshold: 1000 },
  discount: { kind: 'amount', value: 100 },
  note: '請幫我包裝成禮物',
};

export const CUSTOMER_NAME = '王小姐';

export async function startOrderWorld(options: { beforeTheCustomerWrites?: (h: RelayHarness) => Promise<void> } = {}): Promise<OrderWorld> {
  const h = await startRelayHarness({ env: { PAYMENT_WEBHOOK_SECRET: PAYMENT_SECRET } });
  await options.beforeTheCustomerWrites?.(h);
  const link = await startAgentLink(() => h.relay.port);
  const userId = fakeLineUserId();
  const conversationId = `line:${userId}`;
  h.fakeLine.setProfile(userId, { displayName: CUSTOMER_NAME });
  await customerWrites(h.relay.url, h.fakeLine, userId, '我要買這兩件');
  const harness = await startCore({ credentials: createMemoryCredentialStore({ relayUrl: link.url, token: h.agentToken }) });
  const { core } = harness;
  await waitFor(async () => (await core.handle('conversation:get', { conversationId }))?.displayName === CUSTOMER_NAME, {
    what: 'the conversation (with the customer’s LINE name) to sync',
  });

  const order = (orderId: string) => core.handle('orders:get', { orderId });
  return {
    h,
    link,
    harness,
    userId,
    conversationId,
    customerWrites: (text) => customerWrites(h.relay.url, h.fakeLine, userId, text),
    async createOrder(cart = giftCart, options = {}) {
      const created = await core.handle('orders:create', { conversationId, cart: cartSchema.parse(cart), sendSummary: options.sendSummary ?? true });
      if (!created.ok) throw new Error(`${created.code}: ${created.message}`);
      return created.orderId;
    },
    order,
    orderWhen: (orderId, check, what) =>
      waitFor(
        async () => {
          const view = await order(orderId);
          return view && check(view) ? view : undefined;
        },
        { timeoutMs: 20_000, what },
      ),
    pendingCount: async () => (await core.handle('sync:status', {})).pendingCount,
    async close() {
      await harness.close();
      await link.close();
      await h.close();
    },
  };
}
