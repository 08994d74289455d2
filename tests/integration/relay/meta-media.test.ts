import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerMessageItem, fakeMetaId, fakeMid, metaWebhookBody, postMetaWebhook, startFakeMeta, type FakeMeta } from '../../../src/demo/fake-meta';
import { samplePdf, sampleParcelPhoto } from '../../../src/demo/fake-line';
import { waitFor } from '../../support/processes';
import { connectAgent, eventsOfType, type AgentConnection } from './harness';
import { META_APP_SECRET, META_PAGE_ACCESS_TOKEN, META_VERIFY_TOKEN, startMetaRelayProcess, type MetaRelayProcess } from './meta-relay-process';

/**
 * Messenger photos and files, both ways, on a real relay process: what a customer attaches is downloaded from Meta's
 * CDN URL (without the page token) and served to agents; what an agent sends goes as an attachment Meta fetches
 * from the relay's public address.
 */
const PAGE_ID = '106498375000077';
const PUBLIC = 'https://relay.shop.example';

let meta: FakeMeta;
let relay: MetaRelayProcess;
let agent: AgentConnection;
let cdn: Server;
let cdnUrl: string;
const cdnRequests: { path: string; headers: IncomingHttpHeaders }[] = [];
const cdnFiles = new Map<string, Buffer>();

beforeAll(async () => {
  // Meta's CDN: serves attachment bytes at the URLs the webhook names.
  cdn = createServer((req, res) => {
    cdnRequests.push({ path: req.url ?? '', headers: req.headers });
    const body = cdnFiles.get(req.url ?? '');
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', () => resolve()));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  meta = await startFakeMeta({ pageAccessToken: META_PAGE_ACCESS_TOKEN, pageId: PAGE_ID });
  relay = await startMetaRelayProcess({
    META_APP_SECRET,
    META_VERIFY_TOKEN,
    META_PAGE_ACCESS_TOKEN,
    META_GRAPH_BASE_URL: meta.url,
    META_GRAPH_VERSION: 'v23.0',
    RELAY_PUBLIC_URL: PUBLIC,
  });
  agent = connectAgent(relay.url, relay.agentToken);
  await agent.hello;
});

afterAll(async () => {
  agent?.close();
  await relay?.stop();
  await meta?.close();
  await new Promise<void>((resolve) => (cdn ? cdn.close(() => resolve()) : resolve()));
});

describe('Messenger photos and files (relay process, simulated Meta)', () => {
  it('downloads a customer’s photo and file from Meta’s CDN without the page token and serves them to agents', async () => {
    const customer = meta.addCustomer({ channel: 'messenger', id: fakeMetaId(), lastMessageAt: Date.now(), profile: null });
    const photo = sampleParcelPhoto();
    const pdf = samplePdf('Receipt');
    cdnFiles.set('/v/photo-1.png?oh=signed', photo);
    cdnFiles.set('/v/%E6%94%B6%E6%93%9A.pdf?oh=signed', pdf);
    const [photoMid, fileMid] = [fakeMid(), fakeMid()];
    const at = Date.now();
    meta.customerWrote(customer.id, at);
    const items = [
      customerMessageItem({ accountId: PAGE_ID, customerId: customer.id, mid: photoMid, timestamp: at, attachments: [{ type: 'image', payload: { url: `${cdnUrl}/v/photo-1.png?oh=signed` } }] }),
      customerMessageItem({ accountId: PAGE_ID, customerId: customer.id, mid: fileMid, timestamp: at + 1, attachments: [{ type: 'file', payload: { url: `${cdnUrl}/v/%E6%94%B6%E6%93%9A.pdf?oh=signed` } }] }),
    ];
    expect((await postMetaWebhook(`${relay.url}/webhooks/meta`, metaWebhookBody('messenger', [{ accountId: PAGE_ID, items }]), META_APP_SECRET)).status).toBe(200);
    const ready = (mid: string) => waitFor(() => eventsOfType(agent.events, 'message.mediaReady').find((event) => event.payload.messageId === mid), { timeoutMs: 15_000, what: `media of ${mid}` });
    const photoReady = await ready(photoMid);
    expect(photoReady.payload.media).toMatchObject({ contentType: 'image/png', size: photo.length });
    const fileReady = await ready(fileMid);
    expect(fileReady.payload.media.contentType).toBe('application/pdf');
    const received = eventsOfType(agent.events, 'message.received').find((event) => event.payload.messageId === fileMid)!;
    expect(received.payload).toMatchObject({ kind: 'file', file: { name: '收據.pdf' } });
    const served = await fetch(`${relay.url}${photoReady.payload.media.url}`, { headers: { authorization: `Bearer ${relay.agentToken}` } });
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
    expect((await fetch(`${relay.url}${photoReady.payload.media.url}`)).status).toBe(401);
    expect(cdnRequests.length).toBeGreaterThanOrEqual(2);
    expect(cdnRequests.every((request) => request.headers.authorization === undefined && !request.path.includes(META_PAGE_ACCESS_TOKEN))).toBe(true);
  });

  it('sends an agent’s photo as a Send API attachment Meta fetches from the relay’s public address', async () => {
    const customer = meta.addCustomer({ channel: 'messenger', id: fakeMetaId(), lastMessageAt: Date.now(), profile: null });
    const at = Date.now();
    meta.customerWrote(customer.id, at);
    const items = [customerMessageItem({ accountId: PAGE_ID, customerId: customer.id, text: '可以看實品照嗎？', timestamp: at })];
    expect((await postMetaWebhook(`${relay.url}/webhooks/meta`, metaWebhookBody('messenger', [{ accountId: PAGE_ID, items }]), META_APP_SECRET)).status).toBe(200);
    const conversationId = `messenger:${PAGE_ID}:${customer.id}`;
    await waitFor(() => eventsOfType(agent.events, 'conversation.replyWindow').some((event) => event.conversationId === conversationId), { what: 'the window' });
    const photo = sampleParcelPhoto(200, 150);
    const upload = await fetch(`${relay.url}/uploads/meta-photo-upload-1?kind=image`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${relay.agentToken}`, 'x-file-name': encodeURIComponent('實品.png') },
      body: new Uint8Array(photo),
    });
    expect(upload.status).toBe(201);
    const ack = await agent.mutate({ id: 'meta-photo-send-1', type: 'reply.sendContent', payload: { conversationId, content: { type: 'image', uploadId: 'meta-photo-upload-1' } } });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    const send = meta.sends().find((candidate) => candidate.recipientId === customer.id)!;
    expect(send).toMatchObject({ messagingType: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: expect.stringMatching(new RegExp(`^${PUBLIC}/public/media/`)), is_reusable: true } } } });
    const url = (send.message as { attachment: { payload: { url: string } } }).attachment.payload.url;
    const fetched = await fetch(`${relay.url}${new URL(url).pathname}`);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
    const sticker = await agent.mutate({ id: 'meta-sticker-refused', type: 'reply.sendContent', payload: { conversationId, content: { type: 'sticker', packageId: '446', stickerId: '1988' } } });
    expect(sticker).toMatchObject({ ok: false, code: 'INVALID_MUTATION', message: 'Stickers can be sent only in LINE conversations' });
  });
});
