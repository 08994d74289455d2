import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerMessageItem,
  deliveryItem,
  echoItem,
  FAKE_META_ERRORS,
  fakeMetaId,
  fakeMid,
  metaWebhookBody,
  postbackItem,
  postMetaWebhook,
  reactionItem,
  readItem,
  startFakeMeta,
  storyMentionItem,
  type FakeMeta,
  type FakeMetaChannel,
  type FakeMetaProfile,
} from '../../../src/demo/fake-meta';
import type { MutationAck, RelayEvent } from '../../../src/shared/protocol';
import { connectAgent, eventsOfType, waitFor, type AgentConnection } from './harness';
import { META_APP_SECRET, META_PAGE_ACCESS_TOKEN, META_VERIFY_TOKEN, startMetaRelayProcess, type MetaRelayProcess } from './meta-relay-process';

/**
 * Messenger and Instagram end to end on the relay: a real relay process (its CLI, env vars only) talking to the
 * simulated Meta platform (src/demo/fake-meta) over real ports, an agent connected over socket.io.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const PAGE_ID = '106498375000042';
const IG_ACCOUNT_ID = '17841400000000042';

let counter = 0;
const newId = () => `mut-${Date.now()}-${(counter += 1)}`;

interface World {
  meta: FakeMeta;
  relay: MetaRelayProcess;
  agent: AgentConnection;
}

async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const meta = await startFakeMeta({ pageAccessToken: META_PAGE_ACCESS_TOKEN, pageId: PAGE_ID });
  const relay = await startMetaRelayProcess({
    META_APP_SECRET,
    META_VERIFY_TOKEN,
    META_PAGE_ACCESS_TOKEN,
    META_GRAPH_BASE_URL: meta.url,
    META_GRAPH_VERSION: 'v23.0',
    RELAY_LINE_TIMEOUT_MS: '2000',
    ...env,
  });
  const agent = connectAgent(relay.url, relay.agentToken);
  await agent.hello;
  return { meta, relay, agent };
}

async function stopWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  world.agent.close();
  await world.relay.stop();
  await world.meta.close();
}

const accountOf = (channel: FakeMetaChannel) => (channel === 'messenger' ? PAGE_ID : IG_ACCOUNT_ID);
const conversationIdOf = (channel: FakeMetaChannel, customerId: string) => `${channel}:${accountOf(channel)}:${customerId}`;

/** Meta delivers `items` (built for this customer) as one signed webhook; resolves once the relay answered 200. */
async function deliver(world: World, channel: FakeMetaChannel, items: object[]): Promise<void> {
  const answer = await postMetaWebhook(`${world.relay.url}/webhooks/meta`, metaWebhookBody(channel, [{ accountId: accountOf(channel), items }]), META_APP_SECRET);
  expect(answer.status).toBe(200);
}

/** A customer known to the fake Meta writes to the page/account (their message's Meta timestamp = `at`). */
async function customerWrites(world: World, channel: FakeMetaChannel, customerId: string, text: string, at = Date.now()) {
  const mid = fakeMid();
  world.meta.customerWrote(customerId, at);
  await deliver(world, channel, [customerMessageItem({ accountId: accountOf(channel), customerId, text, mid, timestamp: at })]);
  const conversationId = conversationIdOf(channel, customerId);
  await waitFor(() => eventsOfType(world.agent.events, 'message.received').some((event) => event.payload.messageId === mid), `message ${mid}`);
  return { mid, conversationId };
}

function newCustomer(world: World, channel: FakeMetaChannel, lastMessageAt = Date.now(), profile: FakeMetaProfile | null = null) {
  return world.meta.addCustomer({ channel, id: fakeMetaId(), lastMessageAt, profile });
}

const reply = (world: World, conversationId: string, text: string) =>
  world.agent.mutate({ id: newId(), type: 'reply.send', payload: { conversationId, text } });

const sendsTo = (world: World, recipientId: string) => world.meta.sends().filter((send) => send.recipientId === recipientId);
const requestsTo = (world: World, recipientId: string) =>
  world.meta.messageRequests().filter((request) => (request.body as { recipient?: { id?: string } } | undefined)?.recipient?.id === recipientId);

const eventsIn = (world: World, conversationId: string): RelayEvent[] =>
  world.agent.events.filter((event) => 'conversationId' in event && event.conversationId === conversationId);

describe('Messenger and Instagram on the relay (real relay process, simulated Meta)', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => stopWorld(world));

  it('shows a customer message once although Meta redelivers it, and names the conversation after the Messenger profile', async () => {
    const customer = newCustomer(world, 'messenger', Date.now(), { first_name: '小明', last_name: '王', profile_pic: 'https://cdn.example/p.jpg' });
    const mid = fakeMid();
    const at = Date.now();
    const items = [customerMessageItem({ accountId: PAGE_ID, customerId: customer.id, text: '請問還有貨嗎？', mid, timestamp: at })];
    await deliver(world, 'messenger', items);
    await deliver(world, 'messenger', items);
    const conversationId = conversationIdOf('messenger', customer.id);
    const named = await waitFor(
      () => eventsOfType(eventsIn(world, conversationId), 'conversation.upserted').find((event) => event.payload.displayName === '王小明'),
      'the profile name',
    );
    expect(named.payload).toMatchObject({ channel: 'messenger', pictureUrl: 'https://cdn.example/p.jpg' });
    // A later message is a barrier: everything from the two deliveries is in by then.
    await customerWrites(world, 'messenger', customer.id, '在嗎？');
    const received = eventsOfType(eventsIn(world, conversationId), 'message.received');
    expect(received.filter((event) => event.payload.messageId === mid)).toHaveLength(1);
    expect(received[0]!.payload).toMatchObject({ text: '請問還有貨嗎？', friendId: customer.id });
    const window = eventsOfType(eventsIn(world, conversationId), 'conversation.replyWindow')[0]!;
    expect(window.payload).toEqual({ tokenReceivedAt: null, meta: { lastCustomerMessageAt: at, humanAgentAllowed: false } });
    const profileLookups = world.meta.requests.filter((request) => request.method === 'GET' && request.path.includes(customer.id));
    expect(profileLookups).toHaveLength(1);
    expect(profileLookups[0]!.query.fields).toBe('first_name,last_name,profile_pic');
    expect(profileLookups[0]!.headers.authorization).toBe(`Bearer ${META_PAGE_ACCESS_TOKEN}`);
  });

  it('sends reply.send as RESPONSE to the PSID with the page token, reports it sent_free, and shows its echo only once', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '運費多少？');
    const ack = await reply(world, conversationId, '滿 990 免運喔！');
    expect(ack).toEqual({ ok: true, messageId: expect.any(String), delivery: 'sent_free', reason: null });
    const [request] = requestsTo(world, customer.id);
    expect(request!.path).toBe('/v23.0/me/messages');
    expect(request!.headers.authorization).toBe(`Bearer ${META_PAGE_ACCESS_TOKEN}`);
    expect(request!.body).toEqual({ recipient: { id: customer.id }, messaging_type: 'RESPONSE', message: { text: '滿 990 免運喔！' } });
    const [send] = sendsTo(world, customer.id);

    // Meta echoes our own send (same mid), and a colleague answers from Meta Business Suite (another mid).
    await deliver(world, 'messenger', [
      echoItem({ accountId: PAGE_ID, customerId: customer.id, mid: send!.mid, text: '滿 990 免運喔！', appId: 1234 }),
      echoItem({ accountId: PAGE_ID, customerId: customer.id, mid: fakeMid(), text: '今天下午出貨', timestamp: Date.now() + 1 }),
    ]);
    await customerWrites(world, 'messenger', customer.id, '謝謝');
    const sent = eventsOfType(eventsIn(world, conversationId), 'message.sent');
    expect(sent.map((event) => [event.payload.text, event.payload.agentName])).toEqual([
      ['滿 990 免運喔！', 'Amy'],
      ['今天下午出貨', 'Messenger'],
    ]);
    expect(sent[1]!.payload.delivery).toBe('sent_free');
    expect(eventsOfType(eventsIn(world, conversationId), 'message.received').map((event) => event.payload.text)).toEqual(['運費多少？', '謝謝']);
  });

  it('sends Instagram replies to the IGSID and names the conversation after the Instagram profile', async () => {
    const customer = newCustomer(world, 'instagram', Date.now(), { name: '林小姐', username: 'lin.shop' });
    const { conversationId } = await customerWrites(world, 'instagram', customer.id, '這件有 M 號嗎');
    expect(conversationId).toBe(`instagram:${IG_ACCOUNT_ID}:${customer.id}`);
    await waitFor(
      () => eventsOfType(eventsIn(world, conversationId), 'conversation.upserted').some((event) => event.payload.displayName === '林小姐'),
      'the Instagram name',
    );
    const ack = await reply(world, conversationId, '有的！');
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(sendsTo(world, customer.id)).toEqual([expect.objectContaining({ channel: 'instagram', messagingType: 'RESPONSE', message: { text: '有的！' } })]);
    const profileLookup = world.meta.requests.find((request) => request.method === 'GET' && request.path.includes(customer.id));
    expect(profileLookup!.query.fields).toBe('name,username,profile_pic');
  });

  it('shows postbacks, reactions, reads, deliveries, story replies and story mentions to the agent, and keeps unknown events', async () => {
    const fb = newCustomer(world, 'messenger');
    const ig = newCustomer(world, 'instagram');
    const fbConversation = conversationIdOf('messenger', fb.id);
    const igConversation = conversationIdOf('instagram', ig.id);
    const { mid } = await customerWrites(world, 'messenger', fb.id, '你好');
    const t = Date.now();
    const fbBetween = { accountId: PAGE_ID, customerId: fb.id };
    await deliver(world, 'messenger', [
      postbackItem({ ...fbBetween, title: '查訂單', payload: 'ORDER_LOOKUP', timestamp: t }),
      reactionItem({ ...fbBetween, mid, action: 'react', emoji: '❤️', timestamp: t + 1 }),
      readItem({ ...fbBetween, watermark: t, timestamp: t + 2 }),
      deliveryItem({ ...fbBetween, watermark: t, mids: [mid], timestamp: t + 3 }),
      { sender: { id: fb.id }, recipient: { id: PAGE_ID }, timestamp: t + 4, optin: { ref: 'landing-page' } },
    ]);
    const igBetween = { accountId: IG_ACCOUNT_ID, customerId: ig.id };
    await deliver(world, 'instagram', [
      customerMessageItem({ ...igBetween, text: '這個顏色還有嗎', replyToStory: { id: 'st_1', url: 'https://cdn.example/story.jpg' }, timestamp: t }),
      storyMentionItem({ ...igBetween, url: 'https://cdn.example/mention.jpg', timestamp: t + 1 }),
    ]);
    const summaries = await waitFor(() => {
      const found = eventsOfType(eventsIn(world, fbConversation), 'channel.event').map((event) => [event.payload.channel, event.payload.eventType, event.payload.summary]);
      return found.length >= 5 && found;
    }, 'five channel events');
    expect(summaries).toEqual([
      ['messenger', 'postback', '點選了按鈕：查訂單'],
      ['messenger', 'reaction', '對一則訊息按了 ❤️'],
      ['messenger', 'read', '顧客已讀訊息'],
      ['messenger', 'delivery', '已送達 1 則訊息'],
      ['messenger', 'unknown', 'Messenger 事件：kind: optin'],
    ]);
    const igMessages = await waitFor(() => {
      const found = eventsOfType(eventsIn(world, igConversation), 'message.received').map((event) => [event.payload.kind, event.payload.text]);
      return found.length >= 2 && found;
    }, 'the Instagram story messages');
    expect(igMessages).toEqual([
      ['story_reply', '[回覆限時動態] 這個顏色還有嗎'],
      ['story_mention', '[在限時動態中提到你]'],
    ]);
  });

  it('sends nothing to a customer whose last message is 8 days old: the reply is held until they write again, then sent', async () => {
    const eightDaysAgo = Date.now() - 8 * DAY;
    const customer = newCustomer(world, 'messenger', eightDaysAgo);
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '上週的訂單', eightDaysAgo);
    const ack = await reply(world, conversationId, '抱歉晚回覆了');
    expect(ack).toEqual({ ok: true, messageId: expect.any(String), delivery: 'held', reason: 'meta_window_closed' });
    expect(requestsTo(world, customer.id)).toEqual([]);

    await customerWrites(world, 'messenger', customer.id, '還在嗎？');
    const released = await waitFor(
      () => eventsOfType(eventsIn(world, conversationId), 'delivery.updated').find((event) => event.payload.messageId === (ack as { messageId: string }).messageId && event.payload.delivery === 'sent_free'),
      'the held reply sent',
    );
    expect(released.payload.reason).toBeNull();
    expect(sendsTo(world, customer.id)).toEqual([expect.objectContaining({ messagingType: 'RESPONSE', message: { text: '抱歉晚回覆了' } })]);
  });

  it('holds a reply 25 h after the customer’s last message when the page may not use HUMAN_AGENT', async () => {
    const at = Date.now() - 25 * HOUR;
    const customer = newCustomer(world, 'messenger', at);
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '昨天問的', at);
    const ack = await reply(world, conversationId, '您好');
    expect(ack).toMatchObject({ ok: true, delivery: 'held', reason: 'meta_window_closed_no_human_agent' });
    expect(requestsTo(world, customer.id)).toEqual([]);
  });

  it('holds the reply and sends nothing when Meta answers (#10) 2018278', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    world.meta.failNext('messages', FAKE_META_ERRORS.outsideWindow());
    const ack = await reply(world, conversationId, '您好！');
    expect(ack).toMatchObject({ ok: true, delivery: 'held', reason: 'meta_outside_window' });
    expect(sendsTo(world, customer.id)).toEqual([]);
  });

  it('fails a reply to a person who is not available (551) with that reason', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    world.meta.setUnavailable(customer.id, true);
    const ack = await reply(world, conversationId, '您好！');
    expect(ack).toMatchObject({ ok: true, delivery: 'failed', reason: 'meta_person_unavailable' });
  });

  it('retries a rate-limited send with backoff and then sends it once', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    world.meta.failNext('messages', FAKE_META_ERRORS.rateLimited(613));
    const ack = await reply(world, conversationId, '稍等一下');
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(requestsTo(world, customer.id)).toHaveLength(2);
    expect(sendsTo(world, customer.id)).toHaveLength(1);
  });

  it('fails an unconfirmed send (5xx) as unconfirmed and never sends it again', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    world.meta.failNext('messages', FAKE_META_ERRORS.serverError(503));
    const ack = await reply(world, conversationId, '好的');
    expect(ack).toMatchObject({ ok: true, delivery: 'failed', reason: 'meta_unconfirmed' });
    // The customer writing again releases held replies only: the unconfirmed one stays as it is.
    await customerWrites(world, 'messenger', customer.id, '?');
    await reply(world, conversationId, '下一則');
    expect(requestsTo(world, customer.id).map((request) => (request.body as { message?: { text?: string } }).message?.text)).toEqual(['好的', '下一則']);
  });

  it('marks the conversation seen when the agent reads it and shows typing while the agent types, inside the window', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    await world.agent.mutate<MutationAck>({ id: newId(), type: 'conversation.markRead', payload: { conversationId } });
    await waitFor(() => requestsTo(world, customer.id).some((request) => (request.body as { sender_action?: string }).sender_action === 'mark_seen'), 'mark_seen');
    world.agent.socket.emit('presence', { conversationId, typing: true });
    await waitFor(() => requestsTo(world, customer.id).some((request) => (request.body as { sender_action?: string }).sender_action === 'typing_on'), 'typing_on');

    const old = newCustomer(world, 'messenger', Date.now() - 2 * DAY);
    const stale = await customerWrites(world, 'messenger', old.id, '舊訊息', Date.now() - 2 * DAY);
    await world.agent.mutate<MutationAck>({ id: newId(), type: 'conversation.markRead', payload: { conversationId: stale.conversationId } });
    world.agent.socket.emit('presence', { conversationId: stale.conversationId, typing: true });
    // Barrier: a markRead answered after the presence frame means the frame was handled.
    await world.agent.mutate<MutationAck>({ id: newId(), type: 'conversation.markRead', payload: { conversationId: stale.conversationId } });
    expect(requestsTo(world, old.id)).toEqual([]);
  });

  it('fails on an invalid page token (190) and /healthz says the channel needs a new token; the token is in no event or log', async () => {
    const customer = newCustomer(world, 'messenger');
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '你好');
    world.meta.failNext('messages', FAKE_META_ERRORS.tokenInvalid());
    const ack = await reply(world, conversationId, '您好');
    expect(ack).toMatchObject({ ok: true, delivery: 'failed', reason: 'meta_token_invalid' });
    const health = await world.relay.health();
    expect(health.meta).toEqual({ webhookConfigured: true, sendingConfigured: true, needsNewToken: true, tokenRefusedAt: expect.any(Number) });
    for (const text of [JSON.stringify(world.agent.events), world.relay.output(), JSON.stringify(health)]) {
      expect(text).not.toContain(META_PAGE_ACCESS_TOKEN);
      expect(text).not.toContain(META_APP_SECRET);
    }
  });
});

describe('a relay with META_HUMAN_AGENT=1', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ META_HUMAN_AGENT: '1' });
  });
  afterAll(() => stopWorld(world));

  it('answers 25 h after the customer’s last message with MESSAGE_TAG + HUMAN_AGENT, and still holds after 7 days', async () => {
    const at = Date.now() - 25 * HOUR;
    const customer = newCustomer(world, 'messenger', at);
    const { conversationId } = await customerWrites(world, 'messenger', customer.id, '昨天問的', at);
    const window = eventsOfType(eventsIn(world, conversationId), 'conversation.replyWindow')[0]!;
    expect(window.payload.meta).toEqual({ lastCustomerMessageAt: at, humanAgentAllowed: true });
    const ack = await reply(world, conversationId, '抱歉久等');
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    expect(requestsTo(world, customer.id)[0]!.body).toEqual({
      recipient: { id: customer.id },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: '抱歉久等' },
    });

    const eightDays = Date.now() - 8 * DAY;
    const old = newCustomer(world, 'instagram', eightDays);
    const stale = await customerWrites(world, 'instagram', old.id, '很久以前', eightDays);
    expect(await reply(world, stale.conversationId, '您好')).toMatchObject({ delivery: 'held', reason: 'meta_window_closed' });
    expect(requestsTo(world, old.id)).toEqual([]);
  });
});
