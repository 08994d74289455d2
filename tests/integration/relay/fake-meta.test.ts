import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  customerMessageItem,
  deliveryItem,
  echoItem,
  metaWebhookBody,
  postbackItem,
  postMetaWebhook,
  readItem,
  startFakeMeta,
  type FakeMeta,
} from '../../../src/demo/fake-meta';
import { parseMetaWebhook } from '../../../src/relay/channels/meta/intake';
import { isValidMetaWebhook } from '../../../src/relay/channels/meta/signature';

const TOKEN = 'EAAB-fake-meta-token';

describe('fake Meta Graph API', () => {
  let meta: FakeMeta;
  beforeEach(async () => {
    meta = await startFakeMeta({ pageAccessToken: TOKEN, pageId: '1000000000000001' });
  });
  afterEach(() => meta.close());

  async function post(path: string, body: unknown, auth: { bearer?: string; query?: string } = { bearer: TOKEN }) {
    const response = await fetch(`${meta.url}${path}${auth.query ? `?access_token=${auth.query}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: number; error_subcode?: number; message: string } } };
  }

  it('accepts the token as Bearer header or access_token parameter, on /me and /{page-id}', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    const send = { recipient: { id: customer.id }, messaging_type: 'RESPONSE', message: { text: 'hi' } };
    expect((await post('/v23.0/me/messages', send)).status).toBe(200);
    expect((await post('/v23.0/1000000000000001/messages', send, { query: TOKEN })).status).toBe(200);
    expect(await post('/v23.0/me/messages', send, {})).toMatchObject({ body: { error: { code: 190 } } });
    expect(await post('/v23.0/me/messages', send, { bearer: 'other' })).toMatchObject({ body: { error: { code: 190 } } });
    expect(await post('/v23.0/2000000000000002/messages', send)).toMatchObject({ status: 404, body: { error: { code: 2500 } } });
    expect(meta.sends()).toHaveLength(2);
  });

  it('answers code 100 for bodies that do not have the Send API shape', async () => {
    const customer = meta.addCustomer({ channel: 'messenger' });
    const recipient = { id: customer.id };
    const bad: unknown[] = [
      '{',
      { messaging_type: 'RESPONSE', message: { text: 'x' } },
      { recipient, message: { text: 'x' } },
      { recipient, messaging_type: 'UPDATE', message: { text: 'x' } },
      { recipient, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } },
      { recipient, messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE', message: { text: 'x' } },
      { recipient, messaging_type: 'RESPONSE', message: { text: '' } },
      { recipient, messaging_type: 'RESPONSE', message: { text: 'x', attachment: { type: 'image', payload: { url: 'https://a.example/x' } } } },
      { recipient, messaging_type: 'RESPONSE', message: { attachment: { type: 'sticker', payload: { url: 'https://a.example/x' } } } },
      { recipient, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'not a url' } } } },
      { recipient, messaging_type: 'RESPONSE', message: { text: 'a'.repeat(2001) } },
      { recipient, sender_action: 'typing_maybe' },
      { recipient, sender_action: 'typing_on', message: { text: 'x' } },
    ];
    for (const body of bad) expect(await post('/v23.0/me/messages', body)).toMatchObject({ status: 400, body: { error: { code: 100 } } });
    expect(meta.sends()).toEqual([]);
    expect((await post('/v23.0/me/messages', { recipient, messaging_type: 'RESPONSE', message: { text: '😀'.repeat(2000) } })).status).toBe(200);
  });

  it('builds webhook bodies that a relay verifies and reads as Meta’s', async () => {
    const received: { raw: Buffer; headers: Record<string, string | string[] | undefined> }[] = [];
    const relay = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ raw: Buffer.concat(chunks), headers: req.headers });
        res.writeHead(200).end('EVENT_RECEIVED');
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/webhooks/meta`;
    try {
      const at = { accountId: meta.pageId, customerId: '6000000000000006' };
      const body = metaWebhookBody('messenger', [
        {
          accountId: meta.pageId,
          items: [
            customerMessageItem({ ...at, text: '請問有貨嗎', timestamp: 1 }),
            echoItem({ ...at, mid: 'm_sent', text: '有', appId: 123, timestamp: 2 }),
            deliveryItem({ ...at, watermark: 2, mids: ['m_sent'], timestamp: 3 }),
            readItem({ ...at, watermark: 2, timestamp: 4 }),
            postbackItem({ ...at, title: '查訂單', payload: 'ORDER', timestamp: 5 }),
          ],
        },
      ]);
      expect(await postMetaWebhook(url, body, 'app-secret')).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
      await postMetaWebhook(url, body, 'app-secret', { signature: null });
      await postMetaWebhook(url, body, 'app-secret', { signature: 'sha256=00' });
      expect(received.map((request) => isValidMetaWebhook(request.raw, 'app-secret', request.headers))).toEqual([true, false, false]);
      const parsed = parseMetaWebhook(JSON.parse(received[0]!.raw.toString('utf8')));
      expect(parsed.ok && parsed.items.map((item) => [item.kind, item.customerId])).toEqual([
        ['message', at.customerId],
        ['echo', at.customerId],
        ['delivery', at.customerId],
        ['read', at.customerId],
        ['postback', at.customerId],
      ]);
    } finally {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});
