import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import type { MutationAck } from '../../../src/shared/protocol';
import { eventsOfType, waitFor, type AgentConnection, type RelayHarness } from './harness';
import { createOrder, customerWrites, messageTexts, newOrderId, orderCreateFrame, smallCart, startOrderScene } from './order-fixtures';

/** order.sendSummary: a summary for an order created without one, or sent again after it failed or was cancelled. */
describe('order.sendSummary', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let userId: string;
  let conversationId: string;
  beforeEach(async () => {
    ({ h, agent, userId, conversationId } = await startOrderScene('我要買襪子'));
  });
  afterEach(() => h.close());

  const sendSummaryFrame = (orderId: string, options: { id?: string; push?: boolean } = {}) => ({
    id: options.id ?? `sum_${randomUUID()}`,
    type: 'order.sendSummary',
    payload: { orderId, clientTime: 1_700_000_100_000, ...(options.push === undefined ? {} : { push: options.push }) },
  });
  const sendSummary = (orderId: string, options: { id?: string; push?: boolean } = {}) => agent.mutate<MutationAck>(sendSummaryFrame(orderId, options));
  const summaryEvents = () => eventsOfType(agent.events, 'message.sent').filter((event) => event.payload.kind === 'order_summary');

  it('sends the summary of an order created without one as a free reply while the token is fresh', async () => {
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart(), sendSummary: false }));
    expect(created.summary).toBeNull();
    const frame = sendSummaryFrame(created.orderId);

    const answer = await agent.mutate<MutationAck>(frame);
    expect(answer).toMatchObject({
      ok: true,
      orderId: created.orderId,
      orderNo: created.orderNo,
      totals: created.totals,
      summary: { messageId: expect.stringMatching(/^msg_/), delivery: 'sent_free', reason: null },
    });
    const messageId = (answer as { summary: { messageId: string } }).summary.messageId;
    expect((await h.relay.store.getOrder(created.orderId))?.summary).toEqual({ messageId, delivery: 'sent_free', reason: null });

    const replies = h.fakeLine.replies();
    expect(replies).toHaveLength(1);
    const [text] = messageTexts(replies[0]!);
    expect(text).toContain(`https://shop.example/pay/${created.orderNo}`);
    expect(text).toContain('NT$490');
    expect(h.fakeLine.pushes()).toHaveLength(0);
    // Every client learns the order's new summary from its message.sent (kind + orderId).
    const sent = await waitFor(() => summaryEvents()[0], 'the summary’s message.sent');
    expect(sent.payload).toMatchObject({ messageId, mutationId: frame.id, orderId: created.orderId, text, delivery: 'sending' });
    await waitFor(
      () => eventsOfType(agent.events, 'delivery.updated').find((e) => e.payload.messageId === messageId && e.payload.delivery === 'sent_free'),
      'sent_free',
    );
  });

  it('holds it without a fresh token and releases it free with the customer’s next message', async () => {
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart(), sendSummary: false }));
    h.clock.advance(55_000);
    const answer = await sendSummary(created.orderId);
    expect(answer).toMatchObject({ ok: true, orderId: created.orderId, summary: { delivery: 'held', reason: 'no_fresh_token' } });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const token = await customerWrites(h.relay.url, h.fakeLine, userId, '還在嗎');
    await waitFor(() => h.fakeLine.replies().length === 1, 'summary released');
    expect((h.fakeLine.replies()[0]!.body as { replyToken: string }).replyToken).toBe(token);
    expect(messageTexts(h.fakeLine.replies()[0]!)[0]).toContain(created.orderNo);
    await waitFor(async () => (await h.relay.store.getOrder(created.orderId))?.summary?.delivery === 'sent_free', 'summary sent_free');
  });

  it('pushes it only with the agent’s consent', async () => {
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart(), sendSummary: false }));
    h.clock.advance(55_000);
    const answer = await sendSummary(created.orderId, { push: true });
    expect(answer).toMatchObject({ ok: true, summary: { delivery: 'sent_push', reason: null } });
    expect(h.fakeLine.pushes()).toHaveLength(1);
    expect(h.fakeLine.pushes()[0]!.body).toMatchObject({ to: userId });
    expect(h.fakeLine.replies()).toHaveLength(0);
  });

  it('refuses a second summary while one is sent or held: NOT_CHANGEABLE, nothing goes to LINE', async () => {
    const sentOrder = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    expect(sentOrder.summary?.delivery).toBe('sent_free');
    expect(await sendSummary(sentOrder.orderId)).toMatchObject({ ok: false, code: 'NOT_CHANGEABLE', message: expect.stringContaining('sent_free') });

    h.clock.advance(55_000);
    const heldOrder = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    expect(heldOrder.summary?.delivery).toBe('held');
    // A held summary goes out with the customer's next message anyway: a second one would be a duplicate.
    expect(await sendSummary(heldOrder.orderId, { push: true })).toMatchObject({ ok: false, code: 'NOT_CHANGEABLE' });
    expect(h.fakeLine.replies()).toHaveLength(1);
    expect(h.fakeLine.pushes()).toHaveLength(0);
    expect(summaryEvents()).toHaveLength(2);
  });

  it('sends a summary again after it failed or was cancelled, with the newest payment link', async () => {
    h.fakeLine.failNext('/v2/bot/message/reply', 500, { message: 'Internal error' });
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    expect(created.summary).toMatchObject({ delivery: 'failed', reason: 'line_unconfirmed' });
    const failedId = created.summary!.messageId;

    const settings = { ...DEFAULT_SHOP_SETTINGS, payment: { linkTemplate: 'https://pay.example.tw/o/{orderNo}' } };
    const saved = await h.connectLead(0).mutate<MutationAck>({ id: newOrderId(), type: 'catalog.save', payload: { catalog: { products: [], settings }, baseVersion: 0 } });
    expect(saved).toEqual({ ok: true, version: 1 });
    const token = await customerWrites(h.relay.url, h.fakeLine, userId, '沒收到付款連結');
    const again = await sendSummary(created.orderId);
    expect(again).toMatchObject({ ok: true, summary: { delivery: 'sent_free' } });
    const againId = (again as { summary: { messageId: string } }).summary.messageId;
    expect(againId).not.toBe(failedId);
    const last = h.fakeLine.replies().at(-1)!;
    expect((last.body as { replyToken: string }).replyToken).toBe(token);
    expect(messageTexts(last)[0]).toContain(`https://pay.example.tw/o/${created.orderNo}`);
    expect((await h.relay.store.getOrder(created.orderId))?.summary).toEqual({ messageId: againId, delivery: 'sent_free', reason: null });

    // Cancelled (by the agent, reply.cancel) counts like failed: the order may be summarised again.
    h.clock.advance(55_000);
    const held = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart() }));
    const cancelled = await agent.mutate({ id: newOrderId(), type: 'reply.cancel', payload: { messageId: held.summary!.messageId } });
    expect(cancelled).toMatchObject({ ok: true, delivery: 'cancelled' });
    expect(await sendSummary(held.orderId)).toMatchObject({ ok: true, summary: { delivery: 'held', reason: 'no_fresh_token' } });
  });

  it('applies a repeated id once: one message, one LINE call, the same answer', async () => {
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart(), sendSummary: false }));
    const frame = sendSummaryFrame(created.orderId);
    const concurrent = await Promise.all([1, 2, 3].map(() => agent.mutate<MutationAck>(frame)));
    const sequential = [await agent.mutate<MutationAck>(frame), await agent.mutate<MutationAck>(frame)];
    const [first] = concurrent;
    expect(first).toMatchObject({ ok: true, orderId: created.orderId, summary: { delivery: 'sent_free' } });
    for (const answer of [...concurrent, ...sequential]) expect(answer).toEqual(first);
    expect(h.fakeLine.replies()).toHaveLength(1);
    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').length > 0, 'settled');
    expect(summaryEvents()).toHaveLength(1);
    expect(await h.relay.store.getMutation(frame.id)).toMatchObject({ state: 'done', answer: first });
  });

  it('refuses orders that do not await payment and unknown orders', async () => {
    const created = await createOrder(agent, orderCreateFrame(conversationId, { cart: smallCart(), sendSummary: false }));
    const paid = await agent.mutate<MutationAck>({ id: newOrderId(), type: 'order.setStatus', payload: { orderId: created.orderId, status: 'paid', clientTime: 1 } });
    expect(paid).toMatchObject({ ok: true, status: 'paid' });
    const refused = sendSummaryFrame(created.orderId);
    expect(await agent.mutate<MutationAck>(refused)).toMatchObject({ ok: false, code: 'BAD_STATUS', message: expect.stringContaining('paid') });
    // The refusal is the stored answer of that id.
    expect((await h.relay.store.getMutation(refused.id))?.answer).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(await sendSummary('ord_missing_0001')).toMatchObject({ ok: false, code: 'UNKNOWN_ORDER' });
    expect(await agent.mutate<MutationAck>({ ...sendSummaryFrame(created.orderId), payload: { orderId: created.orderId } })).toMatchObject({
      ok: false,
      code: 'INVALID_MUTATION',
    });
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(summaryEvents()).toHaveLength(0);
    expect((await h.relay.store.getOrder(created.orderId))?.summary).toBeNull();
  });
});
