import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import { MAX_MESSAGES_PER_REQUEST } from '../../../src/shared/delivery/policy';
import type { MutationAck } from '../../../src/shared/protocol';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';
import { createOrder, customerWrites, messageTexts, newOrderId, orderCreateFrame, startOrderScene } from './order-fixtures';

const HOUR = 60 * 60 * 1000;

describe('payment reminders on the relay clock', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let userId: string;
  let conversationId: string;
  beforeEach(async () => {
    ({ h, agent, userId, conversationId } = await startOrderScene('我要下單'));
  });
  afterEach(() => h.close());

  const reminderTexts = () =>
    [...h.fakeLine.replies(), ...h.fakeLine.pushes()].flatMap(messageTexts).filter((text) => text.startsWith('【付款提醒】'));
  const setStatus = (orderId: string, status: 'paid' | 'cancelled') =>
    agent.mutate<MutationAck>({ id: newOrderId(), type: 'order.setStatus', payload: { orderId, status, clientTime: 1 } });
  // Only a lead saves the shop settings.
  const saveSettings = (reminders: typeof DEFAULT_SHOP_SETTINGS.reminders) =>
    h.connectLead(0).mutate<MutationAck>({
      id: newOrderId(),
      type: 'catalog.save',
      payload: { catalog: { products: [], settings: { ...DEFAULT_SHOP_SETTINGS, reminders } }, baseVersion: 0 },
    });

  it('queues the 12 h reminder HELD (no LINE call), then releases it free with the customer’s next message', async () => {
    const order = await createOrder(agent, orderCreateFrame(conversationId));
    h.clock.advance(12 * HOUR - 60_000);
    expect(await h.relay.runReminderSweep()).toBe(0);
    h.clock.advance(60_000);
    expect(await h.relay.runReminderSweep()).toBe(1);
    expect(await h.relay.runReminderSweep()).toBe(0);

    const queued = await waitFor(() => eventsOfType(agent.events, 'order.reminderQueued')[0], 'order.reminderQueued');
    expect(queued.payload).toMatchObject({ orderId: order.orderId, orderNo: order.orderNo, index: 0 });
    const sent = eventsOfType(agent.events, 'message.sent').find((event) => event.payload.kind === 'payment_reminder');
    expect(sent?.payload).toMatchObject({ delivery: 'held', reason: 'no_fresh_token', orderId: order.orderId, messageId: queued.payload.messageId });
    expect(reminderTexts()).toHaveLength(0);
    expect(h.fakeLine.replies()).toHaveLength(1); // only the summary

    const token = await customerWrites(h.relay.url, h.fakeLine, userId, '還沒付款，等等');
    await waitFor(() => reminderTexts().length === 1, 'reminder released');
    const release = h.fakeLine.replies()[1]!;
    expect((release.body as { replyToken: string }).replyToken).toBe(token);
    expect(messageTexts(release)[0]).toContain(`https://shop.example/pay/${order.orderNo}`);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('releases each held reminder with the customer’s next message; the reminder never takes a token itself', async () => {
    await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(1);
    const token = await customerWrites(h.relay.url, h.fakeLine, userId, '請問');
    await waitFor(() => h.fakeLine.replies().length === 1, 'held reminder released with the token');
    expect(messageTexts(h.fakeLine.replies()[0]!)[0]).toMatch(/^【付款提醒】/);
    expect((h.fakeLine.replies()[0]!.body as { replyToken: string }).replyToken).toBe(token);

    h.clock.advance(36 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(1);
    const token2 = await customerWrites(h.relay.url, h.fakeLine, userId, '好');
    await waitFor(() => h.fakeLine.replies().length === 2, 'second reminder released');
    expect(messageTexts(h.fakeLine.replies()[1]!)[0]).toContain('再次提醒您');
    expect((h.fakeLine.replies()[1]!.body as { replyToken: string }).replyToken).toBe(token2);
  });

  it('sends a held reminder exactly once when the release and the agent’s reply race for the token', async () => {
    await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(1);
    // Queued before the customer wrote; the release after the webhook and the agent's reply race for the
    // token: either way the reminder goes out free exactly once and the agent's reply is never pushed.
    await customerWrites(h.relay.url, h.fakeLine, userId, '在嗎');
    const ack = await agent.mutate({ id: newOrderId(), type: 'reply.send', payload: { conversationId, text: '在的，請問需要什麼？' } });
    expect(ack.ok).toBe(true);
    await waitFor(() => reminderTexts().length === 1, 'reminder sent');
    const allTexts = h.fakeLine.replies().flatMap(messageTexts);
    expect(allTexts.filter((text) => text.startsWith('【付款提醒】'))).toHaveLength(1);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('a reminder due while the token is fresh is sent with the agent’s reply in ONE request, reminder first', async () => {
    await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    h.clock.advance(12 * HOUR);
    await customerWrites(h.relay.url, h.fakeLine, userId, '我想改顏色'); // fresh token, nothing held yet
    expect(await h.relay.runReminderSweep()).toBe(1); // queued held: it does not take the token
    expect(h.fakeLine.replies()).toHaveLength(0);
    const ack = await agent.mutate({ id: newOrderId(), type: 'reply.send', payload: { conversationId, text: '可以的，幫您改成黑色' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(h.fakeLine.replies()).toHaveLength(1);
    const texts = messageTexts(h.fakeLine.replies()[0]!);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^【付款提醒】/);
    expect(texts[1]).toBe('可以的，幫您改成黑色');
  });

  it('sends no reminder at all for an order paid before it was due', async () => {
    const order = await createOrder(agent, orderCreateFrame(conversationId));
    h.clock.advance(HOUR);
    expect(await setStatus(order.orderId, 'paid')).toMatchObject({ ok: true, changed: true });
    h.clock.advance(72 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(0);
    await customerWrites(h.relay.url, h.fakeLine, userId, '謝謝');
    expect(eventsOfType(agent.events, 'order.reminderQueued')).toHaveLength(0);
    expect((await h.relay.store.getOrder(order.orderId))?.reminders.map((reminder) => reminder.state)).toEqual(['skipped', 'skipped']);
    expect(reminderTexts()).toHaveLength(0);
  });

  it('cancels a queued, still held reminder when the order is paid or cancelled', async () => {
    const paid = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    const cancelled = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(2);
    expect(await setStatus(paid.orderId, 'paid')).toMatchObject({ ok: true });
    expect(await setStatus(cancelled.orderId, 'cancelled')).toMatchObject({ ok: true });
    for (const { orderId } of [paid, cancelled]) {
      const reminders = (await h.relay.store.getOrder(orderId))!.reminders;
      expect(reminders.map((reminder) => [reminder.state, reminder.message?.delivery ?? null])).toEqual([
        ['queued', 'cancelled'],
        ['skipped', null],
      ]);
    }
    await waitFor(() => eventsOfType(agent.events, 'delivery.updated').filter((e) => e.payload.delivery === 'cancelled').length === 2, 'cancel events');
    await customerWrites(h.relay.url, h.fakeLine, userId, '我付好了');
    h.clock.advance(48 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(0);
    expect(h.fakeLine.replies()).toHaveLength(0);
    expect(reminderTexts()).toHaveLength(0);
  });

  it('pushes the reminder (counted, with a retry key) when the shop chose push for reminders', async () => {
    expect(await saveSettings({ delaysMinutes: [720], whenNoFreeReply: 'push' })).toMatchObject({ ok: true });
    const order = await createOrder(agent, orderCreateFrame(conversationId, { sendSummary: false }));
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(1);
    const pushes = h.fakeLine.pushes();
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(pushes[0]!.body).toMatchObject({ to: userId });
    expect(messageTexts(pushes[0]!)[0]).toContain(order.orderNo);
    expect((await h.relay.store.getOrder(order.orderId))?.reminders[0]?.message?.delivery).toBe('sent_push');
  });

  it(`never puts more than ${MAX_MESSAGES_PER_REQUEST} objects in a reply, however many summaries and reminders are held`, async () => {
    h.clock.advance(60_000);
    const orders = [];
    for (let i = 0; i < 4; i += 1) orders.push(await createOrder(agent, orderCreateFrame(conversationId)));
    h.clock.advance(12 * HOUR);
    expect(await h.relay.runReminderSweep()).toBe(4);
    await agent.mutate({ id: newOrderId(), type: 'reply.send', payload: { conversationId, text: '有問題隨時找我們' } });
    // 4 summaries + 4 reminders + 1 reply = 9 held items.
    for (let round = 0; round < 3; round += 1) {
      const before = h.fakeLine.replies().length;
      await customerWrites(h.relay.url, h.fakeLine, userId, `訊息 ${round}`);
      await waitFor(() => h.fakeLine.replies().length === before + 1 || (round === 2 && before === 2), 'a release');
    }
    const requests = h.fakeLine.replies();
    expect(requests.map((request) => messageTexts(request).length)).toEqual([5, 4]);
    const texts = requests.flatMap(messageTexts);
    expect(new Set(texts).size).toBe(9);
    // Oldest first: the four summaries (in creation order), then the reminders, then the reply.
    expect(texts.slice(0, 4).map((text) => text.match(/SO\d{10}/)?.[0])).toEqual(orders.map((order) => order.orderNo));
    expect(texts.slice(4, 8).every((text) => text.startsWith('【付款提醒】'))).toBe(true);
    expect(texts[8]).toBe('有問題隨時找我們');
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });
});

describe('the reminder sweep timer', () => {
  it('queues due reminders by itself every RELAY_REMINDER_SWEEP_MS', async () => {
    const h = await startRelayHarness({ env: { RELAY_REMINDER_SWEEP_MS: '1000' } });
    try {
      const userId = fakeLineUserId();
      await customerWrites(h.relay.url, h.fakeLine, userId, '我要一件');
      const agent = h.connect(0);
      await agent.hello;
      const order = await createOrder(agent, orderCreateFrame(`line:${userId}`, { sendSummary: false }));
      h.clock.advance(12 * HOUR);
      const queued = await waitFor(() => eventsOfType(agent.events, 'order.reminderQueued')[0], 'the timer to queue the reminder', 5000);
      expect(queued.payload).toMatchObject({ orderId: order.orderId, index: 0 });
      expect(await h.relay.runReminderSweep()).toBe(0);
    } finally {
      await h.close();
    }
  });
});
