import { randomUUID } from 'node:crypto';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { webchatIdentityHash } from '../../../../src/relay/channels/webchat/identity';
import type { RelayEvent } from '../../../../src/shared/protocol';
import type { WebchatHistoryFrame, WebchatMessage } from '../../../../src/shared/protocol/webchat';
import { waitFor } from '../../../support/processes';
import { IDENTITY_SECRET, startVisitorNamespace } from './namespace-fixture';

const VISITOR_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const VISITOR_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

type Fixture = Awaited<ReturnType<typeof startVisitorNamespace>>;
let fixture: Fixture;
afterEach(() => fixture?.close());

interface Visitor {
  socket: ClientSocket;
  histories: WebchatHistoryFrame[];
  messages: WebchatMessage[];
}

function watch(socket: ClientSocket): Visitor {
  const visitor: Visitor = { socket, histories: [], messages: [] };
  socket.on('history', (frame: WebchatHistoryFrame) => visitor.histories.push(frame));
  socket.on('message', (message: WebchatMessage) => visitor.messages.push(message));
  return visitor;
}

async function online(visitorId: string, origin?: string): Promise<Visitor> {
  const visitor = watch(fixture.visitor(visitorId, { origin }));
  await waitFor(() => visitor.histories.length > 0, { what: 'the first history', timeoutMs: 5000 });
  return visitor;
}

const connectError = (socket: ClientSocket) => new Promise<string>((resolve) => socket.once('connect_error', (error) => resolve(error.message)));
const send = (visitor: Visitor, text: unknown, clientId: string = randomUUID()) => visitor.socket.timeout(3000).emitWithAck('send', { clientId, text });
const identify = (visitor: Visitor, user: unknown) => visitor.socket.timeout(3000).emitWithAck('identify', user);

/** An agent's reply as the outbound path writes it: message.sent `sending`, then the web chat sender's sent_free. */
async function agentReply(conversationId: string, messageId: string, text: string): Promise<void> {
  await fixture.appendEvents([
    { type: 'message.sent', conversationId, occurredAt: 5, payload: { messageId, mutationId: `m-${messageId}`, text, agentName: 'Amy', delivery: 'sending', reason: null } },
  ]);
  await fixture.appendEvents([{ type: 'delivery.updated', conversationId, occurredAt: 6, payload: { messageId, mutationId: `m-${messageId}`, delivery: 'sent_free', reason: null } }]);
}

const conversationOf = (events: readonly RelayEvent[]) => events.find((event) => event.type === 'conversation.upserted')?.conversationId as string;

describe('the web chat visitor namespace', () => {
  it('refuses pages on other origins, scripts without an Origin and unknown protocol versions', async () => {
    fixture = await startVisitorNamespace();
    expect(await connectError(fixture.visitor(VISITOR_A, { origin: 'https://evil.example' }))).toBe('origin_not_allowed');
    expect(await connectError(fixture.visitor(VISITOR_A, { origin: '' }))).toBe('origin_not_allowed');
    expect(await connectError(fixture.visitor(VISITOR_A, { protocol: 9 }))).toBe('protocol_unsupported');
    expect(await connectError(fixture.visitor('too-short'))).toBe('bad_handshake');
  });

  it('refuses every page when no origin is allowed (web chat off)', async () => {
    fixture = await startVisitorNamespace({ allowedOrigins: [] });
    expect(await connectError(fixture.visitor(VISITOR_A))).toBe('origin_not_allowed');
  });

  it('stores a message before acknowledging it, once per clientId, and shows it on the visitor\'s other tabs', async () => {
    fixture = await startVisitorNamespace();
    const tab1 = await online(VISITOR_A);
    expect(tab1.histories).toEqual([{ messages: [], unread: 0 }]);
    const clientId = randomUUID();
    const ack = await send(tab1, '  你好，請問有 M 號嗎？ ', clientId);
    expect(ack).toMatchObject({ ok: true, at: 1_700_000_000_000 });
    expect(fixture.submitted[0]!.items[0]).toMatchObject({ dedupeKey: `webchat:${VISITOR_A}:${clientId}`, message: { text: '你好，請問有 M 號嗎？', messageId: ack.id } });
    const conversationId = fixture.submitted[0]!.items[0]!.conversation!.id;
    expect(conversationId).toMatch(/^webchat:web:v_[A-Za-z0-9_-]{16}$/);
    expect(conversationId).not.toContain(VISITOR_A);

    // The resend of an unanswered send gets the first answer; nothing is stored twice.
    fixture.advance(5_000);
    expect(await send(tab1, '你好，請問有 M 號嗎？', clientId)).toEqual(ack);
    expect((await fixture.eventsOf(conversationId)).filter((event) => event.type === 'message.received')).toHaveLength(1);

    const tab2 = await online(VISITOR_A);
    expect(tab2.histories[0]).toEqual({ messages: [{ id: ack.id, text: '你好，請問有 M 號嗎？', from: 'visitor', at: ack.at }], unread: 0 });
    const second = await send(tab2, '白色的', randomUUID());
    await waitFor(() => tab1.messages.some((message) => message.id === second.id), { what: 'the other tab to see the message', timeoutMs: 5000 });
  });

  it('answers INVALID, TOO_LONG and INTERNAL without storing anything', async () => {
    fixture = await startVisitorNamespace();
    const visitor = await online(VISITOR_A);
    expect(await send(visitor, '   ')).toMatchObject({ ok: false, code: 'INVALID', message: 'The message is empty' });
    expect(await visitor.socket.timeout(3000).emitWithAck('send', { clientId: 'not-a-uuid', text: 'hi' })).toMatchObject({ ok: false, code: 'INVALID' });
    expect(await send(visitor, 'x'.repeat(5001))).toMatchObject({ ok: false, code: 'TOO_LONG' });
    expect(await send(visitor, 'x'.repeat(50_000))).toMatchObject({ ok: false, code: 'TOO_LONG', message: 'The frame is too large' });
    expect(fixture.submitted).toHaveLength(0);
    fixture.failNextSubmit();
    expect(await send(visitor, 'hello')).toMatchObject({ ok: false, code: 'INTERNAL', message: 'The message was not stored; send it again' });
    // A retry of the same message then goes through.
    expect(await send(visitor, 'hello')).toMatchObject({ ok: true });
  });

  it("delivers an agent's reply live to that conversation's sockets only, and in the next history with the unread count", async () => {
    fixture = await startVisitorNamespace();
    const a = await online(VISITOR_A);
    const b = await online(VISITOR_B);
    await send(a, 'A 的私人問題');
    await send(b, 'B 的問題');
    const [conversationA, conversationB] = fixture.submitted.map((body) => body.items[0]!.conversation!.id);
    await agentReply(conversationA!, 'r1', '<b>只給 A</b>');
    await waitFor(() => a.messages.some((message) => message.id === 'r1'), { what: 'the reply to reach A', timeoutMs: 5000 });
    expect(a.messages.find((message) => message.id === 'r1')).toEqual({ id: 'r1', text: '<b>只給 A</b>', from: 'agent', at: 6 });
    await agentReply(conversationB!, 'r2', '只給 B');
    await waitFor(() => b.messages.some((message) => message.id === 'r2'), { what: 'the reply to reach B', timeoutMs: 5000 });
    expect(a.messages.map((message) => message.id)).not.toContain('r2');
    expect(b.messages.map((message) => message.id)).not.toContain('r1');

    a.socket.close();
    await agentReply(conversationA!, 'r3', '稍後的回覆');
    const again = await online(VISITOR_A);
    const history = again.histories[0]!;
    expect(history.messages.map((message) => `${message.from}:${message.text}`)).toEqual(['visitor:A 的私人問題', 'agent:<b>只給 A</b>', 'agent:稍後的回覆']);
    expect(history.unread).toBe(2);

    // `read` up to the first reply leaves one unread; an id from another conversation moves nothing.
    again.socket.emit('read', { upTo: 'r2' });
    again.socket.emit('read', { upTo: 'r1' });
    await waitFor(async () => (await online(VISITOR_A)).histories[0]!.unread === 1, { what: 'the read position', timeoutMs: 5000 });
    again.socket.emit('read', { upTo: 'r3' });
    const later = await waitFor(async () => {
      const visitor = await online(VISITOR_A);
      return visitor.histories[0]!.unread === 0 ? visitor : undefined;
    }, { what: 'all read', timeoutMs: 5000 });
    expect(later.histories[0]!.messages).toHaveLength(3);
  });

  it('links a signed-in customer by HMAC: two devices share one conversation; a wrong hash or no secret is refused', async () => {
    fixture = await startVisitorNamespace();
    const phone = await online(VISITOR_A);
    const laptop = await online(VISITOR_B);
    const user = { id: 'c-1001', name: 'Mei', email: 'mei@example.com', hash: webchatIdentityHash('c-1001', IDENTITY_SECRET) };
    expect(await identify(phone, { ...user, hash: webchatIdentityHash('c-1002', IDENTITY_SECRET) })).toEqual({
      ok: false,
      code: 'IDENTITY_REJECTED',
      message: 'The identity hash does not match this user id',
    });
    expect(await identify(phone, { id: 'c-1001', name: 'Mei' })).toMatchObject({ ok: false, code: 'INVALID' });

    expect(await identify(phone, user)).toEqual({ ok: true });
    await send(phone, '我的訂單到了嗎？');
    expect(await identify(laptop, user)).toEqual({ ok: true });
    await waitFor(() => laptop.histories.length === 2, { what: 'the customer history on the laptop', timeoutMs: 5000 });
    expect(laptop.histories[1]!.messages.map((message) => message.text)).toEqual(['我的訂單到了嗎？']);
    const laptopMessage = await send(laptop, '從筆電再問一次');
    await waitFor(() => phone.messages.some((message) => message.id === laptopMessage.id), { what: 'the phone to see the laptop message', timeoutMs: 5000 });
    const conversations = new Set(fixture.submitted.map((body) => body.items[0]!.conversation!.id));
    expect(conversations.size).toBe(1);
    expect(fixture.submitted[0]!.items[0]!.conversation).toMatchObject({ placeholderName: 'Mei', customerId: expect.stringMatching(/^u_/) });

    // A fresh anonymous socket of the phone's visitor id does not read the customer's conversation.
    const anonymous = await online(VISITOR_A);
    expect(anonymous.histories[0]).toEqual({ messages: [], unread: 0 });

    await fixture.close();
    fixture = await startVisitorNamespace({ identitySecret: null });
    const visitor = await online(VISITOR_A);
    expect(await identify(visitor, user)).toMatchObject({ ok: false, code: 'IDENTITY_REJECTED', message: expect.stringContaining('WEBCHAT_IDENTITY_SECRET') });
  });

  it('limits messages per visitor and per address, and connection attempts per address', async () => {
    fixture = await startVisitorNamespace({ limits: { connectsPerIp: 100, messagesPerVisitor: 2, messagesPerIp: 3 } });
    const a = await online(VISITOR_A);
    const b = await online(VISITOR_B);
    expect((await send(a, '1')).ok).toBe(true);
    expect((await send(a, '2')).ok).toBe(true);
    expect(await send(a, '3')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await send(b, '1')).ok).toBe(true);
    // Same address: the fourth message of the minute is refused whoever sends it.
    expect(await send(b, '2')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    fixture.advance(60_000);
    expect((await send(a, 'a minute later')).ok).toBe(true);
    expect(fixture.submitted).toHaveLength(4);

    await fixture.close();
    fixture = await startVisitorNamespace({ limits: { connectsPerIp: 2, messagesPerVisitor: 100, messagesPerIp: 100 } });
    await online(VISITOR_A);
    expect(await connectError(fixture.visitor(VISITOR_B, { origin: 'https://evil.example' }))).toBe('origin_not_allowed');
    expect(await connectError(fixture.visitor(VISITOR_B))).toBe('rate_limited');
  });

  it("tells agents when a visitor's page is online, once per conversation, after their first message created it", async () => {
    fixture = await startVisitorNamespace();
    const tab1 = await online(VISITOR_A);
    await send(tab1, 'hi');
    const conversationId = fixture.submitted[0]!.items[0]!.conversation!.id;
    const windows = async () =>
      (await fixture.eventsOf(conversationId)).flatMap((event) => (event.type === 'conversation.replyWindow' ? [event.payload] : []));
    await waitFor(async () => (await windows()).length === 1, { what: 'visitor online', timeoutMs: 5000 });
    const tab2 = await online(VISITOR_A);
    tab1.socket.close();
    expect(await windows()).toEqual([{ tokenReceivedAt: null, webchat: { visitorOnline: true } }]);
    tab2.socket.close();
    await waitFor(async () => (await windows()).length === 2, { what: 'visitor offline', timeoutMs: 5000 });
    expect((await windows())[1]).toEqual({ tokenReceivedAt: null, webchat: { visitorOnline: false } });
    await online(VISITOR_A);
    await waitFor(async () => (await windows()).length === 3, { what: 'online again', timeoutMs: 5000 });
    expect(conversationOf(await fixture.eventsOf(conversationId))).toBe(conversationId);
  });
});
