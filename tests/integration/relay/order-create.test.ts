import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import type { MutationAck } from '../../../src/shared/protocol';
import { orderDayKey } from '../../../src/relay/orders/order-number';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';
import { createOrder, customerWrites, messageTexts, newOrderId, orderCreateFrame, sampleCart, smallCart, startOrderScene } from './order-fixtures';

describe('order.create', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let userId: string;
  let conversationId: string;
  beforeEach(async () => {
    ({ h, agent, userId, conversationId } = await startOrderScene('我要買兩件白色 M'));
  });
  afterEach(() => h.close());

  it('recomputes the totals, numbers the order and sends the summary as ONE free reply with the payment link', async () => {
    const answer = await createOrder(agent, orderCreateFrame(conversationId));
    expect(answer.totals).toEqual({ itemCount: 3, subtotal: 1470, discount: 147, shippingFee: 0, freeShipping: true, total: 1323 });
    expect(answer.orderNo).toBe(`SO${orderDayKey(h.clock.now())}0001`);
    expect(answer.summary).toMatchObject({ delivery: 'sent_free', reason: null });

    const replies = h.fakeLine.replies();
    expect(replies).toHaveLength(1);
    const [summary] = messageTexts(replies[0]!);
    expect(messageTexts(replies[0]!)).toHaveLength(1);
    expect(summary).toContain(`https://shop.example/pay/${answer.orderNo}`);
    expect(summary).toContain('NT$1,323');
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const created = await waitFor(() => eventsOfType(agent.events, 'order.created')[0], 'order.created');
    expect(created.payload).toMatchObject({ orderId: answer.orderId, orderNo: answer.orderNo, status: 'awaiting_payment', friendId: userId });
    expect(created.payload.reminderDueAt).toEqual(DEFAULT_SHOP_SETTINGS.reminders.delaysMinutes.map((m) => created.occurredAt + m * 60_000));
    const sent = eventsOfType(agent.events, 'message.sent').find((event) => event.payload.kind === 'order_summary');
    expect(sent?.payload).toMatchObject({ orderId: answer.orderId, messageId: answer.summary?.messageId, text: summary });
    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').some((e) => e.payload.delivery === 'sent_free'), 'sent_free');
  });

  it('holds the summary without a fresh token and releases it free with the customer’s next message', async () => {
    h.clock.advance(55_000);
    const answer = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    expect(answer.totals.total).toBe(490);
    expect(answer.summary).toMatchObject({ delivery: 'held', reason: 'no_fresh_token' });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const token = await customerWrites(h.relay.url, h.fakeLine, userId, '好的');
    await waitFor(() => h.fakeLine.replies().length === 1, 'summary released');
    const reply = h.fakeLine.replies()[0]!;
    expect((reply.body as { replyToken: string }).replyToken).toBe(token);
    expect(messageTexts(reply)[0]).toContain(`https://shop.example/pay/${answer.orderNo}`);
    await waitFor(async () => (await h.relay.store.getOrder(answer.orderId))?.summary?.delivery === 'sent_free', 'summary sent_free');
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('cancels a held summary when the order is cancelled: no payment link reaches the customer later', async () => {
    h.clock.advance(55_000);
    const answer = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    expect(answer.summary?.delivery).toBe('held');
    const cancelled = (await agent.mutate({
      id: newOrderId(),
      type: 'order.setStatus',
      payload: { orderId: answer.orderId, status: 'cancelled', clientTime: h.clock.now() },
    })) as MutationAck;
    expect(cancelled).toMatchObject({ ok: true, status: 'cancelled', changed: true });
    await waitFor(
      () => eventsOfType(agent.events, 'delivery.updated').find((e) => e.payload.messageId === answer.summary?.messageId && e.payload.delivery === 'cancelled'),
      'summary cancelled',
    );
    // The customer writes again: the agent's answer goes out free ALONE — the cancelled summary does not ride along.
    await customerWrites(h.relay.url, h.fakeLine, userId, '不好意思我不要了');
    const reply = await agent.mutate({ id: newOrderId(), type: 'reply.send', payload: { conversationId, text: '好的，已為您取消訂單' } });
    expect(reply).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(h.fakeLine.replies().map(messageTexts)).toEqual([['好的，已為您取消訂單']]);
    expect((await h.relay.store.getOrder(answer.orderId))?.summary?.delivery).toBe('cancelled');
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('pushes the summary only with the agent’s consent, with an X-Line-Retry-Key', async () => {
    h.clock.advance(55_000);
    const withoutConsent = await createOrder(agent, orderCreateFrame(conversationId, { push: false }));
    expect(withoutConsent.summary?.delivery).toBe('held');
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const consented = await createOrder(agent, orderCreateFrame(conversationId, { push: true }));
    expect(consented.summary).toMatchObject({ delivery: 'sent_push', reason: null });
    const pushes = h.fakeLine.pushes();
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(pushes[0]!.body).toMatchObject({ to: userId });
    expect(messageTexts(pushes[0]!)[0]).toContain(consented.orderNo);
    expect(h.fakeLine.replies()).toHaveLength(0);
  });

  it('creates an order without a summary when asked not to send one', async () => {
    const answer = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    expect(answer.summary).toBeNull();
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(await h.relay.store.getOrder(answer.orderId)).toMatchObject({ orderNo: answer.orderNo, status: 'awaiting_payment', summary: null });
  });

  it('numbers orders sequentially per Taiwan day and starts again at 0001 the next day', async () => {
    const today = orderDayKey(h.clock.now());
    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1) numbers.push((await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }))).orderNo);
    expect(numbers).toEqual([1, 2, 3].map((n) => `SO${today}000${n}`));
    h.clock.advance(24 * 60 * 60 * 1000);
    const tomorrow = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    expect(tomorrow.orderNo).toBe(`SO${orderDayKey(h.clock.now())}0001`);
    expect(tomorrow.orderNo).not.toBe(numbers[0]);
  });

  it('creates ONE order and ONE summary for the same id sent five times, sequentially and concurrently', async () => {
    const frame = orderCreateFrame(conversationId);
    const concurrent = await Promise.all([1, 2, 3].map(() => agent.mutate<MutationAck>(frame)));
    const sequential = [await agent.mutate<MutationAck>(frame), await agent.mutate<MutationAck>(frame)];
    const [first] = concurrent;
    expect(first).toMatchObject({ ok: true, orderId: frame.id, summary: { delivery: 'sent_free' } });
    for (const answer of [...concurrent, ...sequential]) expect(answer).toEqual(first);
    expect(h.fakeLine.replies()).toHaveLength(1);
    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').length > 0, 'settled');
    expect(eventsOfType(agent.events, 'order.created')).toHaveLength(1);
    expect(eventsOfType(agent.events, 'message.sent')).toHaveLength(1);
  });

  it('refuses an order id different from the mutation id, unknown conversations and invalid carts', async () => {
    const mismatch = orderCreateFrame(conversationId);
    const ack = await agent.mutate<MutationAck>({ ...mismatch, payload: { ...mismatch.payload, orderId: newOrderId() } });
    expect(ack).toMatchObject({ ok: false, code: 'ID_MISMATCH' });
    expect(await agent.mutate<MutationAck>(orderCreateFrame('line:Unobody'))).toMatchObject({ ok: false, code: 'UNKNOWN_CONVERSATION' });
    const empty = orderCreateFrame(conversationId, { cart: sampleCart({ lines: [] }) });
    expect(await agent.mutate<MutationAck>(empty)).toMatchObject({ ok: false, code: 'INVALID_MUTATION', message: expect.stringContaining('cart') });
    expect(eventsOfType(agent.events, 'order.created')).toHaveLength(0);
    expect(h.fakeLine.replies()).toHaveLength(0);
  });
});

describe('order.setStatus and catalog.save', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let conversationId: string;
  beforeEach(async () => {
    h = await startRelayHarness();
    const userId = fakeLineUserId();
    conversationId = `line:${userId}`;
    await customerWrites(h.relay.url, h.fakeLine, userId, '你好');
    agent = h.connect(0);
    await agent.hello;
  });
  afterEach(() => h.close());

  const setStatus = (orderId: string, status: string, id = newOrderId()) =>
    agent.mutate<MutationAck>({ id, type: 'order.setStatus', payload: { orderId, status, clientTime: 1 } });

  it('follows the allowed status changes and refuses the others', async () => {
    const { orderId } = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    expect(await setStatus(orderId, 'shipped')).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await setStatus(orderId, 'paid')).toEqual({ ok: true, orderId, status: 'paid', changed: true });
    expect(await setStatus(orderId, 'paid')).toEqual({ ok: true, orderId, status: 'paid', changed: false });
    expect(await setStatus(orderId, 'shipped')).toEqual({ ok: true, orderId, status: 'shipped', changed: true });
    expect(await setStatus(orderId, 'cancelled')).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await setStatus('ord_missing', 'paid')).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });
    const changes = await waitFor(() => {
      const events = eventsOfType(agent.events, 'order.statusChanged');
      return events.length === 2 ? events : undefined;
    }, 'two status events');
    expect(changes.map((event) => [event.payload.previous, event.payload.status, event.payload.source])).toEqual([
      ['awaiting_payment', 'paid', 'agent'],
      ['paid', 'shipped', 'agent'],
    ]);
    expect((await h.relay.store.getOrder(orderId))?.status).toBe('shipped');
  });

  it('saves the catalog with CONFLICT on stale edits, and new orders follow the saved settings', async () => {
    const settings = {
      ...DEFAULT_SHOP_SETTINGS,
      payment: { linkTemplate: 'https://pay.example.tw/o/{orderNo}?src=line' },
      reminders: { delaysMinutes: [60], whenNoFreeReply: 'hold' as const },
    };
    const catalog = { products: [{ sku: 'TS-001', name: '純棉圓領T', price: 590 }], settings };
    const lead = h.connectLead(0);
    await lead.hello;
    const save = (baseVersion: number) =>
      lead.mutate<MutationAck>({ id: newOrderId(), type: 'catalog.save', payload: { catalog, baseVersion } });
    expect(await save(0)).toEqual({ ok: true, version: 1 });
    expect(await save(0)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await save(1)).toEqual({ ok: true, version: 2 });
    const updated = await waitFor(() => eventsOfType(agent.events, 'catalog.updated')[1], 'catalog.updated');
    expect(updated.payload).toMatchObject({ version: 2, updatedBy: 'Amy', catalog: { settings } });
    expect((await h.relay.store.latestCatalog())?.version).toBe(2);

    const answer = await createOrder(agent, orderCreateFrame(conversationId));
    expect(messageTexts(h.fakeLine.replies()[0]!)[0]).toContain(`https://pay.example.tw/o/${answer.orderNo}?src=line`);
    const created = await waitFor(() => eventsOfType(agent.events, 'order.created')[0], 'order.created');
    expect(created.payload.reminderDueAt).toEqual([created.occurredAt + 60 * 60_000]);
  });
});
