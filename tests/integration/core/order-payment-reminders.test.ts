import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGES_PER_REQUEST } from '../../../src/shared/delivery/policy';
import { seededRandom } from '../../../scripts/lib/seeded-random';
import { waitFor } from '../../support/processes';
import { messageTexts, paymentBody, postPayment } from '../relay/order-fixtures';
import { startOrderWorld, type OrderWorld } from './order-world';

/**
 * What the agent sees in the desktop core when the relay, not the agent, moves an order on: a signed
 * payment notification, and payment reminders queued on the relay clock and released with the customer's
 * next message (free, never more than 5 message objects per reply).
 */
const HOUR = 60 * 60 * 1000;
const SEED = 20261125;

describe('payments and reminders seen from the desktop core', () => {
  let w: OrderWorld;
  let orderId: string;
  let orderNo: string;
  beforeEach(async () => {
    w = await startOrderWorld();
    orderId = await w.createOrder();
    const synced = await w.orderWhen(orderId, (view) => view.sync === 'synced' && view.summary?.delivery === 'sent_free', 'the order to be numbered');
    orderNo = synced.orderNo!;
  });
  afterEach(() => w.close());

  const messages = async () => (await w.harness.core.handle('conversation:messages', { conversationId: w.conversationId })).messages;

  it('the summary is in the conversation as an order message', async () => {
    const summaries = (await messages()).filter((message) => message.orderId === orderId);
    expect(summaries).toEqual([expect.objectContaining({ purpose: 'order_summary', orderId, direction: 'out', delivery: 'sent_free' })]);
    expect(summaries[0]?.text).toContain(`https://shop.example/pay/${orderNo}`);
  });

  it('a signed payment notification to the relay makes the order paid (by payment) and skips its reminders', async () => {
    w.h.clock.advance(12 * HOUR);
    expect(await w.h.relay.runReminderSweep()).toBe(1);
    await w.orderWhen(orderId, (view) => view.reminders[0]?.delivery === 'held', 'the first reminder, held');

    const total = (await w.h.relay.store.getOrder(orderId))!.totals.total;
    const body = paymentBody(orderNo, total);
    expect(await postPayment(w.h.relay.url, body, 'c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ==')).toMatchObject({ status: 401 });
    expect(await postPayment(w.h.relay.url, body)).toEqual({ status: 200, json: { ok: true, orderNo, status: 'paid' } });
    const paid = await w.orderWhen(orderId, (view) => view.status === 'paid' && view.reminders.every((r) => r.skipped), 'the payment to reach the core');
    expect(paid).toMatchObject({ statusSource: 'payment', sync: 'synced', syncError: null });
    expect(paid.reminders.map((reminder) => [reminder.index, reminder.delivery, reminder.skipped])).toEqual([
      [0, 'cancelled', true], // queued, withdrawn before it went out
      [1, null, true], // never queued
    ]);

    // A replayed notification changes nothing: the relay logs no second status change.
    expect(await postPayment(w.h.relay.url, body)).toMatchObject({ status: 200, json: { duplicate: true } });
    expect((await w.h.relay.store.readEvents(0, 10_000)).filter((event) => event.type === 'order.statusChanged')).toHaveLength(1);
    await w.customerWrites('付好了');
    w.h.clock.advance(48 * HOUR);
    expect(await w.h.relay.runReminderSweep()).toBe(0);
    expect(w.h.fakeLine.replies().flatMap(messageTexts).filter((text) => text.startsWith('【付款提醒】'))).toHaveLength(0);
    expect(await w.order(orderId)).toEqual(paid);
  });

  it('a reminder queued on the relay clock is held, then rides free on the customer’s next message (≤ 5 objects)', async () => {
    // The token the summary used is long gone; the agent's replies are held first, so the reminder
    // queues behind them and the 5-object cap decides which customer message carries it.
    w.h.clock.advance(12 * HOUR);
    const heldReplies = 5 + Math.floor(seededRandom(SEED)() * 4);
    for (let i = 1; i <= heldReplies; i += 1) {
      const sent = await w.harness.core.handle('reply:send', { conversationId: w.conversationId, text: `稍等，第 ${i} 件幫您確認庫存` });
      expect(sent.ok).toBe(true);
    }
    await waitFor(async () => (await messages()).filter((message) => message.delivery === 'held').length === heldReplies, { what: 'the held replies' });
    expect(await w.h.relay.runReminderSweep()).toBe(1);
    const queued = await w.orderWhen(orderId, (view) => view.reminders[0]?.delivery === 'held', 'the reminder, held');
    expect(queued.reminders[0]).toMatchObject({ index: 0, deliveryReason: 'no_fresh_token', skipped: false, messageId: expect.any(String) });
    expect(queued.reminders[1]).toMatchObject({ delivery: null, messageId: null, skipped: false });
    const reminder = (await messages()).find((message) => message.purpose === 'payment_reminder');
    expect(reminder).toMatchObject({ orderId, delivery: 'held' });

    // Each customer message releases the oldest held items, 5 at most; the reminder is the newest.
    const customerMessagesNeeded = Math.floor(heldReplies / MAX_MESSAGES_PER_REQUEST) + 1;
    let lastToken = '';
    for (let i = 1; i <= customerMessagesNeeded; i += 1) {
      lastToken = await w.customerWrites(`好的 ${i}`);
      await waitFor(() => w.h.fakeLine.replies().length === 1 + i, { what: `release ${i}` });
    }
    const sent = await w.orderWhen(orderId, (view) => view.reminders[0]?.delivery === 'sent_free', 'the reminder sent free');
    expect(sent.reminders[0]?.messageId).toBe(queued.reminders[0]?.messageId);

    const releases = w.h.fakeLine.replies().slice(1); // the first reply was the summary
    expect(releases.every((request) => request.status === 200 && messageTexts(request).length <= MAX_MESSAGES_PER_REQUEST)).toBe(true);
    const carrying = releases.filter((request) => messageTexts(request).includes(reminder!.text));
    expect(carrying).toHaveLength(1);
    expect((carrying[0]?.body as { replyToken: string }).replyToken).toBe(lastToken);
    expect(releases.flatMap(messageTexts)).toHaveLength(heldReplies + 1);
    expect(w.h.fakeLine.pushes()).toHaveLength(0);
    console.info(`${heldReplies} held replies + 1 reminder went out free in ${releases.length} replies`);
  });
});
