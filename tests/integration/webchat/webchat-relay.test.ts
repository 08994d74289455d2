import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { webchatIdentityHash } from '../../../src/relay/channels/webchat/identity';
import type { RelayEvent } from '../../../src/shared/protocol';
import { waitFor } from '../../support/processes';
import { startRelayHarness, type AgentConnection, type RelayHarness } from '../relay/harness';
import { IDENTITY_SECRET, SHOP_ORIGIN, newVisitorId, openVisitorPage, refusal, visitorOnline, type VisitorPage } from './visitor-support';

/**
 * Web chat through the real relay (real port, SQLite file): a visitor's page on /webchat, an agent on /agent.
 */

let harness: RelayHarness;
const pages: VisitorPage[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) page.close();
  await harness?.close();
});

async function startWebchatRelay(env: Record<string, string> = {}) {
  harness = await startRelayHarness({ env: { WEBCHAT_ALLOWED_ORIGINS: SHOP_ORIGIN, WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET, ...env } });
  const agent = harness.connect();
  await agent.hello;
  return agent;
}

const online = async (visitorId: string) => {
  const page = await visitorOnline(harness.relay.url, visitorId);
  pages.push(page);
  return page;
};

function received(agent: AgentConnection, messageId: string) {
  return agent.events.find((event): event is Extract<RelayEvent, { type: 'message.received' }> => event.type === 'message.received' && event.payload.messageId === messageId);
}

const conversationOf = (agent: AgentConnection, messageId: string) =>
  waitFor(() => received(agent, messageId)?.conversationId, { what: `message ${messageId} at the agent`, timeoutMs: 5000 });

describe('web chat on the real relay', () => {
  it("brings a visitor's message to agents as a web chat conversation, and the agent's reply back live, sent_free", async () => {
    const agent = await startWebchatRelay();
    const page = await online(newVisitorId());
    const ack = await page.send('請問今天出貨嗎？');
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const conversationId = await conversationOf(agent, ack.id);
    expect(conversationId).toMatch(/^webchat:web:v_/);
    expect(agent.events.find((event) => event.type === 'conversation.upserted' && event.conversationId === conversationId)).toMatchObject({
      payload: { channel: 'webchat', displayName: expect.stringMatching(/^網站訪客 .{4}$/), pictureUrl: null },
    });
    expect(received(agent, ack.id)).toMatchObject({ occurredAt: ack.at, payload: { text: '請問今天出貨嗎？', kind: 'text' } });
    await waitFor(
      () => agent.events.some((event) => event.type === 'conversation.replyWindow' && event.conversationId === conversationId && event.payload.webchat?.visitorOnline === true),
      { what: 'visitor online', timeoutMs: 5000 },
    );

    const reply = await agent.mutate({ id: randomUUID(), type: 'reply.send', payload: { conversationId, text: '今天下午出貨 <b>喔</b>' } });
    expect(reply).toMatchObject({ ok: true, delivery: 'sent_free' });
    const live = await waitFor(() => page.messages.find((message) => message.from === 'agent'), { what: 'the reply at the visitor', timeoutMs: 5000 });
    expect(live.text).toBe('今天下午出貨 <b>喔</b>');
    expect(reply.ok && live.id).toBe(reply.ok && reply.messageId);

    // The next visit (same browser) has the whole conversation and one unread reply.
    page.close();
    await waitFor(
      () => agent.events.some((event) => event.type === 'conversation.replyWindow' && event.conversationId === conversationId && event.payload.webchat?.visitorOnline === false),
      { what: 'visitor offline', timeoutMs: 5000 },
    );
    const visitorId = (page.socket.auth as { visitorId: string }).visitorId;
    const again = await online(visitorId);
    expect(again.histories[0]).toEqual({
      messages: [
        { id: ack.id, text: '請問今天出貨嗎？', from: 'visitor', at: ack.at },
        { id: live.id, text: '今天下午出貨 <b>喔</b>', from: 'agent', at: live.at },
      ],
      unread: 1,
    });
  });

  it('keeps visitors apart: a reply reaches only its own conversation', async () => {
    const agent = await startWebchatRelay();
    const first = await online(newVisitorId());
    const second = await online(newVisitorId());
    const a = await first.send('第一位');
    const b = await second.send('第二位');
    const conversationA = await conversationOf(agent, a.ok ? a.id : '');
    const conversationB = await conversationOf(agent, b.ok ? b.id : '');
    expect(conversationA).not.toBe(conversationB);
    await agent.mutate({ id: randomUUID(), type: 'reply.send', payload: { conversationId: conversationB, text: '只給第二位' } });
    await waitFor(() => second.messages.some((message) => message.text === '只給第二位'), { what: 'the reply', timeoutMs: 5000 });
    await agent.mutate({ id: randomUUID(), type: 'reply.send', payload: { conversationId: conversationA, text: '只給第一位' } });
    await waitFor(() => first.messages.some((message) => message.text === '只給第一位'), { what: 'the reply', timeoutMs: 5000 });
    expect(first.messages.map((message) => message.text)).not.toContain('只給第二位');
    expect(second.messages.map((message) => message.text)).not.toContain('只給第一位');
  });

  it('links one signed-in customer on two devices into one conversation and refuses a wrong hash', async () => {
    const agent = await startWebchatRelay();
    const phone = await online(newVisitorId());
    const laptop = await online(newVisitorId());
    const user = { id: 'c-1001', name: '陳小美', email: 'mei@example.com', hash: webchatIdentityHash('c-1001', IDENTITY_SECRET) };

    expect(await laptop.identify({ ...user, hash: webchatIdentityHash('c-1001', 'not-the-shop-secret-000') })).toEqual({
      ok: false,
      code: 'IDENTITY_REJECTED',
      message: 'The identity hash does not match this user id',
    });
    // Refused: the laptop still writes as its own anonymous visitor.
    const anonymous = await laptop.send('匿名的問題');
    const anonymousConversation = await conversationOf(agent, anonymous.ok ? anonymous.id : '');

    expect(await phone.identify(user)).toEqual({ ok: true });
    const fromPhone = await phone.send('我的訂單 SO-0412 寄出了嗎？');
    const conversationId = await conversationOf(agent, fromPhone.ok ? fromPhone.id : '');
    expect(conversationId).toMatch(/^webchat:web:u_/);
    expect(conversationId).not.toBe(anonymousConversation);
    expect(agent.events.find((event) => event.type === 'conversation.upserted' && event.conversationId === conversationId)).toMatchObject({
      payload: { channel: 'webchat', displayName: '陳小美' },
    });

    expect(await laptop.identify(user)).toEqual({ ok: true });
    await waitFor(() => laptop.histories.length === 2, { what: "the customer's history on the laptop", timeoutMs: 5000 });
    expect(laptop.histories[1]!.messages.map((message) => message.text)).toEqual(['我的訂單 SO-0412 寄出了嗎？']);
    const fromLaptop = await laptop.send('從筆電補充一下');
    expect(await conversationOf(agent, fromLaptop.ok ? fromLaptop.id : '')).toBe(conversationId);

    await agent.mutate({ id: randomUUID(), type: 'reply.send', payload: { conversationId, text: '今天寄出了' } });
    await waitFor(() => phone.messages.some((message) => message.text === '今天寄出了'), { what: 'the reply on the phone', timeoutMs: 5000 });
    await waitFor(() => laptop.messages.some((message) => message.text === '今天寄出了'), { what: 'the reply on the laptop', timeoutMs: 5000 });
    // Both devices online count as one visitor: a single "online" for the conversation.
    const windows = agent.events.filter((event) => event.type === 'conversation.replyWindow' && event.conversationId === conversationId);
    expect(windows.map((event) => event.type === 'conversation.replyWindow' && event.payload.webchat)).toEqual([{ visitorOnline: true }]);
  });

  it('refuses sockets from other origins, and everything when WEBCHAT_ALLOWED_ORIGINS is unset', async () => {
    const agent = await startWebchatRelay();
    const stranger = openVisitorPage(harness.relay.url, newVisitorId(), 'https://copycat.example');
    pages.push(stranger);
    expect(await refusal(stranger)).toBe('origin_not_allowed');
    await harness.close();

    const lines: string[] = [];
    harness = await startRelayHarness({ logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) } });
    const page = openVisitorPage(harness.relay.url, newVisitorId());
    pages.push(page);
    expect(await refusal(page)).toBe('origin_not_allowed');
    expect(lines.some((line) => line.startsWith('Web chat is off: WEBCHAT_ALLOWED_ORIGINS is not set'))).toBe(true);
    expect(agent.events.filter((event) => event.type === 'message.received')).toEqual([]);
  });

  it('limits messages per visitor and per address, and connection attempts per address', async () => {
    const agent = await startWebchatRelay({ WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE: '2', WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: '3' });
    const first = await online(newVisitorId());
    const second = await online(newVisitorId());
    expect((await first.send('1')).ok).toBe(true);
    expect((await first.send('2')).ok).toBe(true);
    expect(await first.send('3')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await second.send('1')).ok).toBe(true);
    expect(await second.send('2')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    harness.clock.advance(60_000);
    expect((await first.send('a minute later')).ok).toBe(true);
    await waitFor(() => agent.events.filter((event) => event.type === 'message.received').length === 4, { what: 'four stored', timeoutMs: 5000 });
    expect(agent.events.flatMap((event) => (event.type === 'message.received' ? [event.payload.text] : []))).toEqual(['1', '2', '1', 'a minute later']);
    await harness.close();

    await startWebchatRelay({ WEBCHAT_CONNECTS_PER_IP_PER_MINUTE: '2' });
    await online(newVisitorId());
    const probe = openVisitorPage(harness.relay.url, newVisitorId(), 'https://copycat.example');
    pages.push(probe);
    expect(await refusal(probe)).toBe('origin_not_allowed');
    const third = openVisitorPage(harness.relay.url, newVisitorId());
    pages.push(third);
    expect(await refusal(third)).toBe('rate_limited');
  });
});
