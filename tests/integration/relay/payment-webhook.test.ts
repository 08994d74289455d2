import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationAck, OrderCreateResult } from '../../../src/shared/protocol';
import { createHmac } from 'node:crypto';
import { computeHmacSignature } from '../../../src/relay/http/hmac-signature';
import { orderDueIn, postDemoPayment } from '../../../src/demo/demo-payments';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';
import { createOrder, customerWrites, newOrderId, orderCreateFrame, PAYMENT_SECRET, paymentBody, postPayment } from './order-fixtures';

const HOUR = 60 * 60 * 1000;

describe('POST /webhooks/payment (signed payment notifications)', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let order: OrderCreateResult;
  beforeEach(async () => {
    h = await startRelayHarness({ env: { PAYMENT_WEBHOOK_SECRET: PAYMENT_SECRET } });
    const userId = fakeLineUserId();
    await customerWrites(h.relay.url, h.fakeLine, userId, '我要結帳');
    agent = h.connect(0);
    await agent.hello;
    order = await createOrder(agent, orderCreateFrame(`line:${userId}`, { sendSummary: false }));
  });
  afterEach(() => h.close());

  const paymentRows = async () => (await h.relay.store.readEvents(0, 10_000)).filter((event) => event.type === 'order.statusChanged');
  const stored = async () => await h.relay.store.getOrder(order.orderId);

  it('marks the order paid from a correctly signed notification, and a replay has no second effect', async () => {
    const body = paymentBody(order.orderNo, order.totals.total, 'txn_0001');
    const first = await postPayment(h.relay.url, body);
    expect(first).toEqual({ status: 200, json: { ok: true, orderNo: order.orderNo, status: 'paid' } });
    const event = await waitFor(() => eventsOfType(agent.events, 'order.statusChanged')[0], 'order.statusChanged');
    expect(event.payload).toMatchObject({ orderId: order.orderId, status: 'paid', previous: 'awaiting_payment', source: 'payment', transactionId: 'txn_0001', agentName: null });

    const replay = await postPayment(h.relay.url, body);
    expect(replay).toEqual({ status: 200, json: { ok: true, orderNo: order.orderNo, status: 'paid', duplicate: true } });
    expect(await paymentRows()).toHaveLength(1);
    expect((await stored())?.status).toBe('paid');
  });

  it('cancels the reminders of an order paid through the endpoint', async () => {
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(1);
    expect((await postPayment(h.relay.url, paymentBody(order.orderNo, order.totals.total))).status).toBe(200);
    expect((await stored())?.reminders.map((reminder) => [reminder.state, reminder.message?.delivery ?? null])).toEqual([
      ['queued', 'cancelled'],
      ['skipped', null],
    ]);
    h.clock.advance(48 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(0);
  });

  it.each([
    ['a missing signature', null],
    ['a signature with another secret', computeHmacSignature('{}', 'wrong-secret')],
    ['garbage', 'not-base64!!'],
    ['a hex signature with another secret', createHmac('sha256', 'wrong-secret').update('{}').digest('hex')],
    ['a truncated hex signature', 'sha256=' + 'ab'.repeat(31)],
  ])('answers 401 to %s and changes nothing', async (_label, signature) => {
    const body = paymentBody(order.orderNo, order.totals.total, 'txn_bad');
    const answer = await postPayment(h.relay.url, body, signature);
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ ok: false, error: expect.stringContaining('X-Payment-Signature') });
    expect((await stored())?.status).toBe('awaiting_payment');
    expect(await paymentRows()).toHaveLength(0);
    // Nothing was stored: the same transaction id, properly signed, still pays the order.
    expect((await postPayment(h.relay.url, body)).json).toMatchObject({ ok: true, status: 'paid' });
    expect((await postPayment(h.relay.url, body)).json).toMatchObject({ duplicate: true });
  });

  it.each([
    ['hex', (body: string) => createHmac('sha256', PAYMENT_SECRET).update(body).digest('hex')],
    ['upper-case hex', (body: string) => createHmac('sha256', PAYMENT_SECRET).update(body).digest('hex').toUpperCase()],
    ['sha256=<hex>', (body: string) => `sha256=${createHmac('sha256', PAYMENT_SECRET).update(body).digest('hex')}`],
  ])('accepts the same HMAC written as %s', async (_label, sign) => {
    const body = paymentBody(order.orderNo, order.totals.total);
    expect(await postPayment(h.relay.url, body, sign(body))).toEqual({ status: 200, json: { ok: true, orderNo: order.orderNo, status: 'paid' } });
  });

  it('accepts a provider that sends neither amount nor transaction id: the signed body itself is the replay key', async () => {
    const body = JSON.stringify({ order_no: order.orderNo, status: 'SUCCESS' });
    expect(await postPayment(h.relay.url, body)).toEqual({ status: 200, json: { ok: true, orderNo: order.orderNo, status: 'paid' } });
    expect(await postPayment(h.relay.url, body)).toEqual({ status: 200, json: { ok: true, orderNo: order.orderNo, status: 'paid', duplicate: true } });
    expect(await paymentRows()).toHaveLength(1);
  });

  it('acknowledges a failed payment without changing anything', async () => {
    const failed = await postPayment(h.relay.url, JSON.stringify({ orderNo: order.orderNo, amount: order.totals.total, transactionId: 'txn_f', status: 'failed' }));
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ ok: true, ignored: expect.stringContaining('failed') });
    expect((await stored())?.status).toBe('awaiting_payment');
    expect(await paymentRows()).toHaveLength(0);
    // Nothing was stored under that transaction id: the successful notification that follows still counts.
    expect((await postPayment(h.relay.url, paymentBody(order.orderNo, order.totals.total, 'txn_f'))).json).toMatchObject({ status: 'paid' });
  });

  it('answers 422 to a wrong amount, 404 to an unknown order, 400 to bad JSON or shape — nothing changed', async () => {
    expect((await postPayment(h.relay.url, paymentBody(order.orderNo, order.totals.total - 1))).status).toBe(422);
    expect((await postPayment(h.relay.url, paymentBody('SO0000000000', order.totals.total))).status).toBe(404);
    expect((await postPayment(h.relay.url, '{"orderNo":')).status).toBe(400);
    expect((await postPayment(h.relay.url, JSON.stringify({ orderNo: order.orderNo, amount: '1323', transactionId: 't' }))).status).toBe(400);
    expect((await stored())?.status).toBe('awaiting_payment');
    expect(await paymentRows()).toHaveLength(0);
  });

  it('answers 409 for a cancelled order and does not record the payment', async () => {
    const cancel = await agent.mutate<MutationAck>({ id: newOrderId(), type: 'order.setStatus', payload: { orderId: order.orderId, status: 'cancelled', clientTime: 1 } });
    expect(cancel).toMatchObject({ ok: true, changed: true });
    const answer = await postPayment(h.relay.url, paymentBody(order.orderNo, order.totals.total, 'txn_late'));
    expect(answer.status).toBe(409);
    expect((await stored())?.status).toBe('cancelled');
  });

  it('accepts the demo customers’ payments, read from the summary they received', async () => {
    const userId = fakeLineUserId();
    await customerWrites(h.relay.url, h.fakeLine, userId, '我要這件');
    const paid = await createOrder(agent, orderCreateFrame(`line:${userId}`));
    const text = await waitFor(
      () => eventsOfType(agent.events, 'message.sent').find((event) => event.payload.orderId === paid.orderId)?.payload.text,
      'the summary message',
    );
    const due = orderDueIn(text);
    expect(due).toEqual({ orderNo: paid.orderNo, amount: paid.totals.total });
    expect(await postDemoPayment(h.relay.url, PAYMENT_SECRET, due!)).toBe(200);
    expect((await h.relay.store.getOrder(paid.orderId))?.status).toBe('paid');
  });

  it('answers 413 to a body over 1 MiB without reading it all', async () => {
    const huge = JSON.stringify({ orderNo: order.orderNo, amount: order.totals.total, transactionId: 'x'.repeat(1024 * 1024 + 10) });
    expect((await postPayment(h.relay.url, huge)).status).toBe(413);
    expect((await stored())?.status).toBe('awaiting_payment');
  });
});

describe('POST /webhooks/payment without PAYMENT_WEBHOOK_SECRET', () => {
  it('answers 503 and stores nothing', async () => {
    const h = await startRelayHarness();
    try {
      const userId = fakeLineUserId();
      await customerWrites(h.relay.url, h.fakeLine, userId, '你好');
      const agent = h.connect(0);
      await agent.hello;
      const order = await createOrder(agent, orderCreateFrame(`line:${userId}`, { sendSummary: false }));
      const answer = await postPayment(h.relay.url, paymentBody(order.orderNo, order.totals.total));
      expect(answer.status).toBe(503);
      expect(answer.json.error).toContain('PAYMENT_WEBHOOK_SECRET');
      expect((await h.relay.store.getOrder(order.orderId))?.status).toBe('awaiting_payment');
    } finally {
      await h.close();
    }
  });
});
