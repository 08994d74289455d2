import { randomUUID } from 'node:crypto';
import type { CartInput } from '../../../src/shared/orders/cart-schema';
import type { MutationAck, OrderCreateResult } from '../../../src/shared/protocol';
import { computeHmacSignature } from '../../../src/relay/http/hmac-signature';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, startRelayHarness, type AgentConnection, type RelayHarness } from './harness';

/** Shared by the order, reminder and payment tests: carts, order.create frames, customers and payments. */

export const PAYMENT_SECRET = 'pay-5ecret-0123456789abcdef';

/** 2 × 590 + 1 × 290 = 1,470 − 10 % (147) = 1,323 ≥ 1,000 → free 7-11 pickup: NT$1,323. */
export function sampleCart(overrides: Partial<CartInput> = {}): CartInput {
  return {
    lines: [
      { sku: 'TS-001', variantId: 'TS-001-WH-M', name: '純棉圓領T', variantLabel: '白 / M', unitPrice: 590, quantity: 2 },
      { sku: 'AC-002', variantId: null, name: '帆布托特包', variantLabel: '', unitPrice: 290, quantity: 1 },
    ],
    shipping: { method: 'seven_eleven', storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 1000 },
    discount: { kind: 'percent', value: 10 },
    note: '',
    ...overrides,
  };
}

/** A cart below the free-shipping threshold: 1 × 390 + 100 home delivery = NT$490. */
export function smallCart(): CartInput {
  return sampleCart({
    lines: [{ sku: 'SK-010', variantId: null, name: '襪子三入組', variantLabel: '', unitPrice: 390, quantity: 1 }],
    shipping: { method: 'home', storeName: null, address: '台北市信義路五段7號', fee: 100, freeShippingThreshold: 1000 },
    discount: null,
  });
}

export function newOrderId(): string {
  return `ord_${randomUUID()}`;
}

export function orderCreateFrame(
  conversationId: string,
  options: { id?: string; cart?: CartInput; sendSummary?: boolean; push?: boolean } = {},
) {
  const id = options.id ?? newOrderId();
  return {
    id,
    type: 'order.create',
    payload: {
      orderId: id,
      conversationId,
      cart: options.cart ?? sampleCart(),
      sendSummary: options.sendSummary ?? true,
      ...(options.push === undefined ? {} : { push: options.push }),
      clientTime: 1_700_000_000_000,
    },
  };
}

export async function createOrder(agent: AgentConnection, frame: ReturnType<typeof orderCreateFrame>): Promise<OrderCreateResult> {
  const ack = await agent.mutate<MutationAck>(frame);
  if (!ack.ok || !('orderNo' in ack)) throw new Error(`order.create failed: ${JSON.stringify(ack)}`);
  return ack;
}

/** The customer writes (a signed webhook with a fresh reply token); returns the token. */
export async function customerWrites(relayUrl: string, fakeLine: FakeLine, userId: string, text: string): Promise<string> {
  const replyToken = fakeLine.issueReplyToken();
  const result = await postLineWebhook(relayUrl, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text, replyToken, timestamp: fakeLine.now() })]));
  if (result.status !== 200) throw new Error(`webhook answered ${result.status}`);
  return replyToken;
}

/** Texts of every message object of one recorded LINE request. */
export function messageTexts(request: { body: unknown }): string[] {
  return ((request.body as { messages?: { text: string }[] }).messages ?? []).map((message) => message.text);
}

export async function postPayment(
  relayUrl: string,
  body: string,
  signature: string | null = computeHmacSignature(body, PAYMENT_SECRET),
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-payment-signature'] = signature;
  const response = await fetch(`${relayUrl}/webhooks/payment`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export function paymentBody(orderNo: string, amount: number, transactionId = `txn_${randomUUID()}`): string {
  return JSON.stringify({ orderNo, amount, transactionId, paidAt: '2026-11-23T12:00:00+08:00' });
}

export interface OrderScene {
  h: RelayHarness;
  agent: AgentConnection;
  userId: string;
  conversationId: string;
}

/** A relay with one customer who has just written (a fresh reply token) and one connected agent. */
export async function startOrderScene(firstMessage: string): Promise<OrderScene> {
  const h = await startRelayHarness({ lineRequestTimeoutMs: 2000 });
  const userId = fakeLineUserId();
  await customerWrites(h.relay.url, h.fakeLine, userId, firstMessage);
  const agent = h.connect(0);
  await agent.hello;
  return { h, agent, userId, conversationId: `line:${userId}` };
}
