import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationAck } from '../../../src/shared/protocol';
import type { SuggestionRule } from '../../../src/shared/suggestions';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from './harness';

const RULES: SuggestionRule[] = [
  {
    id: 'store-hours',
    title: '門市營業時間',
    keywords: ['營業時間', '幾點開門'],
    examples: ['門市幾點開？'],
    reply: '門市營業時間為每天 11:00–21:00 喔！',
    autoSend: true,
  },
  {
    id: 'shipping-fee',
    title: '運費與免運門檻',
    keywords: ['運費', '免運'],
    examples: ['運費怎麼算？'],
    reply: '滿 NT$1,200 免運喔！',
  },
];

let counter = 0;
const newId = () => `it-rules-${Date.now()}-${(counter += 1)}`;

describe('rules on the relay: rules.save and rules.updated', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness();
  });
  afterEach(() => h.close());

  it('saves a version, announces it to every client and answers a repeat without a second version', async () => {
    const editor = h.connectLead(0);
    const watcher = h.connect(0);
    await Promise.all([editor.hello, watcher.hello]);
    const frame = { id: newId(), type: 'rules.save', payload: { rules: RULES, baseVersion: 0 } };

    expect(await editor.mutate<MutationAck>(frame)).toEqual({ ok: true, version: 1 });
    const updated = await waitFor(() => eventsOfType(watcher.events, 'rules.updated')[0], 'rules.updated at the other client');
    expect(updated.payload).toEqual({ version: 1, rules: RULES, updatedBy: 'Amy' });

    expect(await editor.mutate<MutationAck>(frame)).toEqual({ ok: true, version: 1 });
    expect(await h.relay.store.latestRulesVersion()).toBe(1);
    expect(eventsOfType(await h.relay.store.readEvents(0, 100), 'rules.updated')).toHaveLength(1);
  });

  it('refuses an edit started from an older version with CONFLICT, keeping the newer rules', async () => {
    const agent = h.connectLead(0);
    await agent.hello;
    await agent.mutate({ id: newId(), type: 'rules.save', payload: { rules: RULES, baseVersion: 0 } });
    const stale = await agent.mutate<MutationAck>({ id: newId(), type: 'rules.save', payload: { rules: [], baseVersion: 0 } });
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(stale.ok === false && stale.message).toMatch(/now version 1, your edit started from version 0/);
    expect((await h.relay.store.latestRules())?.rules).toEqual(RULES);
  });

  it('checks the rules with the rules-file parser and names the rule and field', async () => {
    const agent = h.connectLead(0);
    await agent.hello;
    const bad = [{ ...RULES[0], reply: '' }, RULES[0]];
    const answer = await agent.mutate<MutationAck>({ id: newId(), type: 'rules.save', payload: { rules: bad, baseVersion: 0 } });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
    expect(answer.ok === false && answer.message).toContain('rules[0].reply (rule "store-hours")');
    expect(answer.ok === false && answer.message).toContain('rules[1].id (rule "store-hours"): duplicate id');
    expect(await h.relay.store.latestRulesVersion()).toBe(0);
  });
});

describe('auto-send: the relay answers autoSend rules by itself, free', () => {
  let h: RelayHarness;
  beforeEach(async () => {
    h = await startRelayHarness();
    await h.relay.store.saveRules({ mutationId: null, rules: RULES, baseVersion: 0, agentName: 'Lead', now: h.clock.now() });
  });
  afterEach(() => h.close());

  /** Returns once the relay answered 200; by then the auto-reply decision is committed (it runs right after). */
  async function customerWrites(userId: string, text: string, webhookEventId?: string) {
    const replyToken = h.fakeLine.issueReplyToken();
    const event = textMessageEvent({ userId, text, replyToken, ...(webhookEventId ? { webhookEventId } : {}) });
    const body = callbackBody(FAKE_BOT_USER_ID, [event]);
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, body);
    expect(result.status).toBe(200);
    return { conversationId: `line:${userId}`, replyToken, body };
  }

  const autoSent = async () => eventsOfType(await h.relay.store.readEvents(0, 1000), 'message.sent').filter((event) => event.payload.auto === true);

  it('answers a confident keyword match of an autoSend rule once, with the fresh reply token, flagged auto', async () => {
    const userId = fakeLineUserId();
    const { replyToken, body } = await customerWrites(userId, '請問你們營業時間是幾點到幾點？');
    const reply = await waitFor(() => h.fakeLine.replies().find((r) => r.status === 200), 'the automatic reply at LINE');
    expect(reply.body).toEqual({ replyToken, messages: [{ type: 'text', text: RULES[0]!.reply }] });
    expect(await autoSent()).toHaveLength(1);
    expect((await autoSent())[0]!.payload).toMatchObject({ agentName: '自動回覆', text: RULES[0]!.reply, auto: true });
    await waitFor(
      async () => eventsOfType(await h.relay.store.readEvents(0, 1000), 'delivery.updated').find((e) => e.payload.delivery === 'sent_free'),
      'sent_free',
    );

    // LINE redelivers the same webhook: stored nothing new, answered nothing new.
    const again = await postLineWebhook(h.relay.url, CHANNEL_SECRET, body);
    expect(again.status).toBe(200);
    const customerMessage = eventsOfType(await h.relay.store.readEvents(0, 1000), 'message.received')[0]!;
    // Another relay process reaching the same message would find it answered (same mutation id).
    const second = await h.relay.store.beginAutoReply({
      mutationId: `auto:${customerMessage.payload.messageId}`,
      messageId: 'msg_second',
      conversationId: `line:${userId}`,
      text: 'x',
      agentName: '自動回覆',
      now: h.clock.now(),
      pushConsent: false,
      newRetryKey: 'b1946ac9-2c4f-4b0f-9a30-0c7d1c1f0a11',
      rules: [],
    });
    expect(second.kind).toBe('repeat');
    expect(h.fakeLine.replies()).toHaveLength(1);
    expect(await autoSent()).toHaveLength(1);
  });

  it('answers only questions: thanks or OK that name the keyword, and complaints, wait for an agent', async () => {
    await customerWrites(fakeLineUserId(), '好的謝謝，營業時間我知道了');
    await customerWrites(fakeLineUserId(), '營業時間寫的跟現場不一樣，很誇張');
    expect(await autoSent()).toHaveLength(0);
    expect(h.fakeLine.replies()).toHaveLength(0);
    // The same keyword in a question is still answered.
    await customerWrites(fakeLineUserId(), '營業時間是幾點？');
    await waitFor(() => h.fakeLine.replies().find((r) => r.status === 200), 'the automatic reply to the question');
  });

  it('does not answer rules without autoSend, nor messages without a confident keyword', async () => {
    await customerWrites(fakeLineUserId(), '運費怎麼算？');
    await customerWrites(fakeLineUserId(), '你好～');
    expect(await autoSent()).toHaveLength(0);
    expect(h.fakeLine.replies()).toHaveLength(0);
  });

  it('holds back while an agent is typing in the conversation, and answers again once the report expired', async () => {
    const userId = fakeLineUserId();
    const conversationId = `line:${userId}`;
    await customerWrites(userId, '哈囉');
    const agent = h.connect(0);
    await agent.hello;
    agent.socket.emit('presence', { conversationId, typing: true });
    // Frames of one socket are handled in order: once this is answered, the presence is stored.
    await agent.mutate({ id: newId(), type: 'rules.save', payload: { rules: 'not rules', baseVersion: 1 } });

    await customerWrites(userId, '營業時間到幾點？');
    expect(await autoSent()).toHaveLength(0);
    // The free token is still there for the agent who is typing.
    const ack = await agent.mutate({ id: newId(), type: 'reply.send', payload: { conversationId, text: '我們開到晚上九點喔' } });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });

    // The agent went quiet: the typing report expires and the next question is answered automatically.
    h.clock.advance(16_000);
    await customerWrites(userId, '營業時間到幾點？');
    await waitFor(async () => (await autoSent()).length === 1, 'an automatic reply after the typing report expired');
  });

  it('answers again right after the typing agent stopped', async () => {
    const userId = fakeLineUserId();
    const conversationId = `line:${userId}`;
    const agent = h.connect(0);
    await agent.hello;
    agent.socket.emit('presence', { conversationId, typing: true });
    agent.socket.emit('presence', { conversationId, typing: false });
    await agent.mutate({ id: newId(), type: 'rules.save', payload: { rules: 'not rules', baseVersion: 1 } });
    await customerWrites(userId, '營業時間是幾點');
    await waitFor(async () => (await autoSent()).length === 1, 'an automatic reply');
  });
});
