import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_META_ERRORS, startFakeMeta, type FakeMeta } from '../../../src/demo/fake-meta';
import { createMetaGraphClient, type MetaGraphClient } from '../../../src/relay/channels/meta/graph-client';
import type { MetaRetryClock } from '../../../src/relay/channels/meta/retry';
import { createTestClock } from './harness';

const TOKEN = 'EAAB-page-token-0123456789';
const DAY = 24 * 60 * 60 * 1000;

describe('Meta Graph API client against the fake Meta Graph API', () => {
  let meta: FakeMeta;
  let clock: ReturnType<typeof createTestClock>;
  let slept: number[];
  const retryClock: MetaRetryClock = { now: () => Date.now(), sleep: async (ms) => void slept.push(ms) };

  const clientWith = (token = TOKEN, timeoutMs = 2000): MetaGraphClient =>
    createMetaGraphClient({
      baseUrl: `${meta.url}/`,
      version: 'v23.0',
      pageAccessToken: token,
      timeoutMs,
      retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4000, maxTotalMs: 60_000 },
      clock: retryClock,
    });

  beforeEach(async () => {
    clock = createTestClock();
    slept = [];
    meta = await startFakeMeta({ now: clock.now, pageAccessToken: TOKEN });
  });
  afterEach(() => meta.close());

  it('sends a RESPONSE inside the 24 h window and gets Meta’s ids back', async () => {
    const customer = meta.addCustomer({ channel: 'messenger', lastMessageAt: clock.now() - 23 * 60 * 60 * 1000 });
    const result = await clientWith().sendText({ recipientId: customer.id, text: '有的，今天寄出 😀', messagingType: 'RESPONSE' });
    expect(result).toEqual({ kind: 'sent', recipientId: customer.id, messageId: expect.stringMatching(/^m_/), attempts: 1 });
    expect(meta.sends()).toEqual([expect.objectContaining({ mid: result.kind === 'sent' ? result.messageId : '', messagingType: 'RESPONSE', message: { text: '有的，今天寄出 😀' } })]);
    expect(meta.messageRequests()[0]!.body).toEqual({ recipient: { id: customer.id }, messaging_type: 'RESPONSE', message: { text: '有的，今天寄出 😀' } });
  });

  it('enforces the windows: HUMAN_AGENT after 24 h, nothing after 7 days', async () => {
    const twoDays = meta.addCustomer({ channel: 'instagram', lastMessageAt: clock.now() - 2 * DAY });
    const eightDays = meta.addCustomer({ channel: 'messenger', lastMessageAt: clock.now() - 8 * DAY });
    const client = clientWith();
    expect(await client.sendText({ recipientId: twoDays.id, text: 'hi', messagingType: 'RESPONSE' })).toMatchObject({ kind: 'outside_window', code: 10, subcode: 2018278 });
    expect(await client.sendText({ recipientId: twoDays.id, text: 'hi', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).toMatchObject({ kind: 'sent' });
    expect(meta.messageRequests()[1]!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    for (const messaging of [{ messagingType: 'RESPONSE' }, { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }] as const) {
      expect(await client.sendText({ recipientId: eightDays.id, text: 'hi', ...messaging })).toMatchObject({ kind: 'outside_window', attempts: 1 });
    }
    // The customer writes again: the window reopens.
    meta.customerWrote(eightDays.id);
    expect(await client.sendText({ recipientId: eightDays.id, text: 'hi', messagingType: 'RESPONSE' })).toMatchObject({ kind: 'sent' });
    expect(meta.sends()).toHaveLength(2);
  });

  it('classifies a wrong page token (190), an unavailable person (551) and an unknown recipient (100/2018001)', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    expect(await clientWith('EAAB-wrong-token').sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' })).toMatchObject({
      kind: 'token_invalid',
      code: 190,
      attempts: 1,
    });
    meta.setUnavailable(customer.id, true);
    expect(await clientWith().sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' })).toMatchObject({ kind: 'person_unavailable', code: 551 });
    expect(await clientWith().sendText({ recipientId: '999', text: 'x', messagingType: 'RESPONSE' })).toMatchObject({
      kind: 'invalid_parameter',
      code: 100,
      subcode: 2018001,
    });
    expect(meta.sends()).toEqual([]);
  });

  it('refuses a text over the channel’s limit with code 100 (Instagram counts UTF-8 bytes)', async () => {
    const customer = meta.addCustomer({ channel: 'instagram' });
    const client = clientWith();
    expect(await client.sendText({ recipientId: customer.id, text: '貨'.repeat(334), messagingType: 'RESPONSE' })).toMatchObject({ kind: 'invalid_parameter' });
    expect(await client.sendText({ recipientId: customer.id, text: '貨'.repeat(333), messagingType: 'RESPONSE' })).toMatchObject({ kind: 'sent' });
  });

  it('retries a rate limit with growing waits, then succeeds; sends exactly once', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    meta.failNext('messages', FAKE_META_ERRORS.rateLimited(613));
    meta.failNext('messages', FAKE_META_ERRORS.rateLimited(4));
    const result = await clientWith().sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' });
    expect(result).toMatchObject({ kind: 'sent', attempts: 3 });
    expect(slept).toEqual([500, 1000]);
    expect(meta.messageRequests().map((request) => request.status)).toEqual([400, 400, 200]);
    expect(meta.sends()).toHaveLength(1);
  });

  it('stops retrying a lasting rate limit after the bounded attempts', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    meta.failNext('messages', FAKE_META_ERRORS.rateLimited(32), 5);
    expect(await clientWith().sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' })).toMatchObject({ kind: 'rate_limited', code: 32, attempts: 3 });
    expect(meta.messageRequests()).toHaveLength(3);
  });

  it('calls a 5xx, a dropped connection and a timeout an unknown outcome, and never resends', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    meta.failNext('messages', FAKE_META_ERRORS.serverError(502));
    expect(await clientWith().sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' })).toMatchObject({
      kind: 'unknown_outcome',
      detail: expect.stringContaining('502'),
      attempts: 1,
    });
    meta.dropNext('messages');
    expect(await clientWith().sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' })).toMatchObject({ kind: 'unknown_outcome', attempts: 1 });
    meta.hangNext('messages');
    const startedAt = Date.now();
    const timedOut = await clientWith(TOKEN, 300).sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' });
    expect(timedOut).toEqual({ kind: 'unknown_outcome', detail: 'Meta did not answer within 300 ms', attempts: 1 });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(meta.messageRequests()).toHaveLength(3);
    expect(slept).toEqual([]);
  });

  it('sends the page token only in the Authorization header and in no result or error text', async () => {
    const customer = meta.addCustomer({ channel: 'messenger', profile: { first_name: '小美', last_name: '王' } });
    const client = clientWith();
    const results: unknown[] = [];
    results.push(await client.sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' }));
    results.push(await client.senderAction(customer.id, 'typing_on'));
    results.push(await client.profile('messenger', customer.id));
    // Meta echoing the token in an error message must not carry it further.
    meta.failNext('messages', { status: 400, body: { error: { message: `Malformed access token ${TOKEN}`, type: 'OAuthException', code: 190 } } });
    results.push(await client.sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' }));
    meta.failNext('messages', { status: 503, body: `upstream said ${TOKEN}` });
    results.push(await client.sendText({ recipientId: customer.id, text: 'x', messagingType: 'RESPONSE' }));
    expect(results[3]).toMatchObject({ kind: 'token_invalid', message: 'Malformed access token [redacted]' });
    expect(results[4]).toMatchObject({ kind: 'unknown_outcome', detail: 'Meta answered 503: upstream said [redacted]' });
    expect(JSON.stringify(results)).not.toContain(TOKEN);
    for (const request of meta.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.query.access_token).toBeUndefined();
      expect(`${request.path}?${new URLSearchParams(request.query)}`).not.toContain(TOKEN);
      expect(JSON.stringify(request.body ?? null)).not.toContain(TOKEN);
    }
  });

  it('sends attachments and sender actions', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    const client = clientWith();
    expect(
      await client.sendAttachment({ recipientId: customer.id, type: 'image', url: 'https://cdn.example/a.jpg', isReusable: true, messagingType: 'RESPONSE' }),
    ).toMatchObject({ kind: 'sent' });
    expect(meta.messageRequests()[0]!.body).toEqual({
      recipient: { id: customer.id },
      messaging_type: 'RESPONSE',
      message: { attachment: { type: 'image', payload: { url: 'https://cdn.example/a.jpg', is_reusable: true } } },
    });
    for (const action of ['mark_seen', 'typing_on', 'typing_off'] as const) {
      expect(await client.senderAction(customer.id, action)).toEqual({ kind: 'done', recipientId: customer.id, attempts: 1 });
    }
    expect(meta.messageRequests().slice(1).map((request) => request.body)).toEqual([
      { recipient: { id: customer.id }, sender_action: 'mark_seen' },
      { recipient: { id: customer.id }, sender_action: 'typing_on' },
      { recipient: { id: customer.id }, sender_action: 'typing_off' },
    ]);
    expect(await client.senderAction('404', 'typing_on')).toMatchObject({ kind: 'invalid_parameter', subcode: 2018001 });
    expect(meta.sends()).toHaveLength(1);
  });

  it('reads Messenger and Instagram profiles with their own fields; unknown users fail cleanly', async () => {
    const psid = meta.addCustomer({ channel: 'messenger', profile: { first_name: '小美', last_name: '王', profile_pic: 'https://cdn.example/p.jpg' } });
    const igsid = meta.addCustomer({ channel: 'instagram', profile: { name: 'Mei Wang', username: 'meimei', profile_pic: 'https://cdn.example/i.jpg' } });
    const hidden = meta.addCustomer({ channel: 'instagram', profile: null });
    const client = clientWith();
    expect(await client.profile('messenger', psid.id)).toEqual({
      kind: 'profile',
      profile: { id: psid.id, displayName: '王小美', firstName: '小美', lastName: '王', username: null, pictureUrl: 'https://cdn.example/p.jpg' },
    });
    expect(await client.profile('instagram', igsid.id)).toEqual({
      kind: 'profile',
      profile: { id: igsid.id, displayName: 'Mei Wang', firstName: null, lastName: null, username: 'meimei', pictureUrl: 'https://cdn.example/i.jpg' },
    });
    expect(meta.requests.map((request) => request.query.fields)).toEqual(['first_name,last_name,profile_pic', 'name,username,profile_pic']);
    expect(await client.profile('instagram', hidden.id)).toMatchObject({ kind: 'invalid_parameter', code: 100 });
    expect(await client.profile('messenger', '12345')).toMatchObject({ kind: 'invalid_parameter', code: 100 });
    // The wrong channel's fields do not exist on the node.
    expect(await client.profile('instagram', psid.id)).toMatchObject({ kind: 'invalid_parameter' });
    expect(await client.profile('messenger', '../me')).toMatchObject({ kind: 'invalid_parameter', status: 0 });
    expect(meta.requests).toHaveLength(5);
  });
});
