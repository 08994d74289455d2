import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { createTestClock } from './harness';

const TOKEN = 'fake-line-access-token';

describe('fake LINE platform', () => {
  let line: FakeLine;
  let clock: ReturnType<typeof createTestClock>;
  beforeEach(async () => {
    clock = createTestClock();
    line = await startFakeLine({ now: clock.now, channelAccessToken: TOKEN });
  });
  afterEach(() => line.close());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${line.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  const text = (value: string) => ({ type: 'text', text: value });

  it('accepts a reply token once, within 60 s', async () => {
    const token = line.issueReplyToken();
    const ok = await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('a'), text('b')] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ sentMessages: [expect.objectContaining({ id: expect.any(String), quoteToken: expect.any(String) }), expect.anything()] });
    expect(await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('a')] })).toMatchObject({
      status: 400,
      body: { message: 'Invalid reply token' },
    });
    const late = line.issueReplyToken();
    clock.advance(60_000);
    expect((await call('POST', '/v2/bot/message/reply', { replyToken: late, messages: [text('a')] })).status).toBe(400);
    expect((await call('POST', '/v2/bot/message/reply', { replyToken: 'never-issued', messages: [text('a')] })).status).toBe(400);
    expect(line.replies().map((request) => request.status)).toEqual([200, 400, 400, 400]);
  });

  it('requires the Bearer channel access token', async () => {
    const result = await call('GET', '/v2/bot/message/quota', undefined, { authorization: 'Bearer wrong' });
    expect(result.status).toBe(401);
    expect((await call('GET', '/v2/bot/message/quota', undefined, { authorization: '' })).status).toBe(401);
  });

  it('answers bad request bodies with LINE-style details', async () => {
    const token = line.issueReplyToken();
    const tooMany = await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: Array.from({ length: 6 }, () => text('x')) });
    expect(tooMany).toMatchObject({ status: 400, body: { message: expect.stringContaining('error'), details: [{ property: 'messages' }] } });
    const empty = await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('')] });
    expect(empty.body).toMatchObject({ details: [{ property: 'messages[0].text' }] });
    const notJson = await fetch(`${line.url}/v2/bot/message/push`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{' });
    expect(notJson.status).toBe(400);
    // The token was not consumed by the rejected requests.
    expect((await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('ok')] })).status).toBe(200);
  });

  it('remembers push retry keys, counts pushes and enforces the monthly limit', async () => {
    line.setQuota({ type: 'limited', value: 2 });
    const key = randomUUID();
    const first = await call('POST', '/v2/bot/message/push', { to: 'U1', messages: [text('a'), text('b')] }, { 'x-line-retry-key': key });
    expect(first.status).toBe(200);
    const repeat = await call('POST', '/v2/bot/message/push', { to: 'U1', messages: [text('a')] }, { 'x-line-retry-key': key });
    expect(repeat).toMatchObject({ status: 409, body: { message: 'The retry key is already accepted' } });
    expect(repeat.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect((await call('POST', '/v2/bot/message/push', { to: 'U1', messages: [text('a')] }, { 'x-line-retry-key': 'nope' })).status).toBe(400);
    expect((await call('POST', '/v2/bot/message/push', { to: 'U2', messages: [text('c')] })).status).toBe(200);
    expect(await call('POST', '/v2/bot/message/push', { to: 'U3', messages: [text('d')] })).toMatchObject({
      status: 429,
      body: { message: 'You have reached your monthly limit.' },
    });
    expect(await call('GET', '/v2/bot/message/quota')).toMatchObject({ status: 200, body: { type: 'limited', value: 2 } });
    expect(await call('GET', '/v2/bot/message/quota/consumption')).toMatchObject({ status: 200, body: { totalUsage: 2 } });
    clock.advance(24 * 60 * 60 * 1000);
    line.setQuota({ type: 'none' });
    expect((await call('POST', '/v2/bot/message/push', { to: 'U1', messages: [text('a')] }, { 'x-line-retry-key': key })).status).toBe(200);
    expect(line.pushes()).toHaveLength(6);
  });

  it('serves profiles, the loading indicator and mark-as-read', async () => {
    line.setProfile('Uabc', { displayName: '王小明', language: 'zh-TW' });
    expect(await call('GET', '/v2/bot/profile/Uabc')).toMatchObject({ status: 200, body: { userId: 'Uabc', displayName: '王小明', language: 'zh-TW' } });
    expect(await call('GET', '/v2/bot/profile/Unknown')).toMatchObject({ status: 404, body: { message: 'Not found' } });
    const user = `U${'0123456789abcdef'.repeat(2)}`;
    expect((await call('POST', '/v2/bot/chat/loading/start', { chatId: user, loadingSeconds: 20 })).status).toBe(202);
    expect((await call('POST', '/v2/bot/chat/loading/start', { chatId: user })).status).toBe(202);
    expect((await call('POST', '/v2/bot/chat/loading/start', { chatId: user, loadingSeconds: 7 })).status).toBe(400);
    expect((await call('POST', '/v2/bot/chat/loading/start', { chatId: user, loadingSeconds: 65 })).status).toBe(400);
    // One-to-one chats only: a group id is refused.
    expect((await call('POST', '/v2/bot/chat/loading/start', { chatId: `C${'0'.repeat(32)}`, loadingSeconds: 5 })).status).toBe(400);
    expect(line.loadingStarts().map((request) => request.status)).toEqual([202, 202, 400, 400, 400]);
    const readToken = line.issueMarkAsReadToken();
    expect((await call('POST', '/v2/bot/chat/markAsRead', { markAsReadToken: readToken })).status).toBe(200);
    expect(await call('POST', '/v2/bot/chat/markAsRead', { markAsReadToken: 'not-from-a-webhook' })).toMatchObject({
      status: 400,
      body: { message: 'Invalid markAsReadToken' },
    });
    expect((await call('POST', '/v2/bot/chat/markAsRead', {})).status).toBe(400);
    expect(line.markAsReadCalls().map((request) => request.body)).toEqual([
      { markAsReadToken: readToken },
      { markAsReadToken: 'not-from-a-webhook' },
      {},
    ]);
    expect((await call('GET', '/v2/bot/unknown')).status).toBe(404);
  });

  it('injects failures once per failNext call and records every request', async () => {
    line.failNext('/v2/bot/message/reply', 503, { message: 'Service unavailable' });
    const token = line.issueReplyToken();
    expect(await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('a')] })).toMatchObject({ status: 503 });
    expect((await call('POST', '/v2/bot/message/reply', { replyToken: token, messages: [text('a')] })).status).toBe(200);
    expect(line.requests.map((request) => [request.method, request.path, request.status])).toEqual([
      ['POST', '/v2/bot/message/reply', 503],
      ['POST', '/v2/bot/message/reply', 200],
    ]);
    expect(line.requests[1]?.body).toEqual({ replyToken: token, messages: [text('a')] });
  });
});
