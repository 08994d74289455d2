import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePdf, sampleParcelPhoto } from '../../../src/demo/fake-line';
import type { RelayEvent } from '../../../src/shared/protocol';
import type { WebchatSendAck } from '../../../src/shared/protocol/webchat';
import { waitFor } from '../../support/processes';
import { startRelayHarness, type RelayHarness } from '../relay/harness';
import { IDENTITY_SECRET, SHOP_ORIGIN, newVisitorId, visitorOnline, type VisitorPage } from './visitor-support';

/**
 * Web chat visitors send photos and files: uploaded to the real relay from the shop's page (CORS, the visitor id as
 * bearer), checked like every upload (size, type by bytes), counted against rate limits and the shop's storage,
 * and sent into the visitor's own conversation only — where agents get them like a LINE customer's.
 */
let harness: RelayHarness;
const pages: VisitorPage[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) page.close();
  await harness?.close();
});

async function start(env: Record<string, string> = {}) {
  harness = await startRelayHarness({ env: { WEBCHAT_ALLOWED_ORIGINS: SHOP_ORIGIN, WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET, ...env } });
}
async function visitor(visitorId = newVisitorId()) {
  const page = await visitorOnline(harness.relay.url, visitorId);
  pages.push(page);
  return { page, visitorId };
}

function upload(visitorId: string, uploadId: string, body: Buffer, input: { kind: 'image' | 'file'; name: string; origin?: string }) {
  return fetch(`${harness.relay.url}/webchat/uploads/${uploadId}?kind=${input.kind}`, {
    method: 'PUT',
    headers: { origin: input.origin ?? SHOP_ORIGIN, authorization: `Bearer ${visitorId}`, 'x-file-name': encodeURIComponent(input.name) },
    body: new Uint8Array(body),
  });
}
const sendUpload = (page: VisitorPage, uploadId: string, clientId = crypto.randomUUID()): Promise<WebchatSendAck> =>
  page.socket.timeout(5000).emitWithAck('send', { clientId, attachment: { uploadId } });
const mediaFiles = () => readdirSync(join(harness.dataDir, 'media')).filter((name) => !name.startsWith('.'));
const received = (agentEvents: readonly RelayEvent[]) => agentEvents.filter((e): e is Extract<RelayEvent, { type: 'message.received' }> => e.type === 'message.received');

describe('photos and files from web chat visitors', () => {
  it('reach agents like a LINE customer’s photo and file, and come back to the visitor’s page', async () => {
    await start();
    const agent = harness.connect();
    await agent.hello;
    const { page, visitorId } = await visitor();

    const preflight = await fetch(`${harness.relay.url}/webchat/uploads/photo-0001`, {
      method: 'OPTIONS',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, x-file-name' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-file-name');

    const photo = sampleParcelPhoto(320, 240);
    const stored = await upload(visitorId, 'photo-0001', photo, { kind: 'image', name: '破損的外箱.png' });
    expect(stored.status).toBe(201);
    expect(stored.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(await stored.json()).toEqual({ uploadId: 'photo-0001', kind: 'image', contentType: 'image/png', size: photo.length });
    // A retried upload is the same upload.
    expect((await upload(visitorId, 'photo-0001', photo, { kind: 'image', name: '破損的外箱.png' })).status).toBe(200);

    const ack = await sendUpload(page, 'photo-0001');
    expect(ack).toMatchObject({ ok: true, attachment: { kind: 'image', path: expect.stringMatching(/^\/webchat\/media\/w_/), size: photo.length } });
    const pdf = samplePdf('Return form');
    expect((await upload(visitorId, 'file-0001', pdf, { kind: 'file', name: '退貨單.pdf' })).status).toBe(201);
    const fileAck = await sendUpload(page, 'file-0001');
    expect(fileAck).toMatchObject({ ok: true, attachment: { kind: 'file', name: '退貨單.pdf' } });

    const [photoLine, fileLine] = await waitFor(() => (received(agent.events).length === 2 ? received(agent.events) : undefined), { what: 'both at the agent' });
    expect(photoLine!.payload).toMatchObject({ kind: 'image', text: '[圖片]', media: { url: expect.stringMatching(/^\/media\/w_/), contentType: 'image/png', size: photo.length } });
    expect(fileLine!.payload).toMatchObject({ kind: 'file', text: '[檔案：退貨單.pdf]', file: { name: '退貨單.pdf', size: pdf.length }, media: { contentType: 'application/pdf' } });
    const agentCopy = await fetch(`${harness.relay.url}${photoLine!.payload.media!.url}`, { headers: { authorization: `Bearer ${harness.agentToken}` } });
    expect(Buffer.from(await agentCopy.arrayBuffer()).equals(photo)).toBe(true);
    expect((await fetch(`${harness.relay.url}${photoLine!.payload.media!.url}`)).status).toBe(401);
    // The visitor's page shows what they sent from the relay, also in the history of a later visit.
    const own = await fetch(`${harness.relay.url}${ack.ok ? ack.attachment!.path : ''}`);
    expect(Buffer.from(await own.arrayBuffer()).equals(photo)).toBe(true);
    const later = await visitor(visitorId);
    expect(later.page.histories[0]!.messages.map((message) => message.attachment)).toEqual([ack.ok && ack.attachment, fileAck.ok && fileAck.attachment]);
  });

  it('puts an upload only into its own visitor’s conversation, once', async () => {
    await start();
    const a = await visitor();
    const b = await visitor();
    expect((await upload(a.visitorId, 'mine-0001', sampleParcelPhoto(40, 30), { kind: 'image', name: 'a.png' })).status).toBe(201);
    // Another visitor cannot send it (nor guess it into their conversation), and it goes out once.
    expect(await sendUpload(b.page, 'mine-0001')).toMatchObject({ ok: false, code: 'INVALID' });
    const clientId = crypto.randomUUID();
    const first = await sendUpload(a.page, 'mine-0001', clientId);
    expect(first).toMatchObject({ ok: true });
    expect(await sendUpload(a.page, 'mine-0001', clientId)).toEqual(first); // a resend of the same message
    expect(await sendUpload(a.page, 'mine-0001')).toMatchObject({ ok: false, code: 'INVALID' });
    // Without the visitor id, from another site, or without a name: refused before anything is read.
    expect((await upload('', 'anon-0001', Buffer.from('x'), { kind: 'file', name: 'x.txt' })).status).toBe(401);
    const elsewhere = await upload(a.visitorId, 'evil-0001', Buffer.from('x'), { kind: 'file', name: 'x.txt', origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
  });

  it('refuses wrongly typed and oversized uploads with a clear error, and leaves nothing on disk', async () => {
    await start({ RELAY_MEDIA_MAX_FILE_BYTES: '100000' });
    const { visitorId } = await visitor();
    const expectRefusal = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { code: string; error: string };
      expect(body.code).toBe(code);
      expect(body.error.length).toBeGreaterThan(10);
    };
    await expectRefusal(await upload(visitorId, 'pdf-as-photo', samplePdf('x'), { kind: 'image', name: 'photo.jpg' }), 415, 'UNSUPPORTED_TYPE');
    const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    await expectRefusal(await upload(visitorId, 'program-0001', program, { kind: 'file', name: '發票.pdf' }), 415, 'UNSUPPORTED_TYPE');
    await expectRefusal(await upload(visitorId, 'too-large-01', Buffer.alloc(150_000, 1), { kind: 'file', name: 'big.bin' }), 413, 'TOO_LARGE');
    await expectRefusal(await upload(visitorId, 'empty-00001', Buffer.alloc(0), { kind: 'file', name: 'empty.txt' }), 400, 'INVALID_UPLOAD');
    expect(mediaFiles()).toEqual([]);
  });

  it('limits uploads per visitor (shared by every relay process) and keeps within the shop’s storage', async () => {
    await start({ WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR: '2', RELAY_MEDIA_MAX_TOTAL_BYTES: '6000' });
    const { visitorId } = await visitor();
    const other = await visitor();
    const small = Buffer.alloc(2_000, 7);
    expect((await upload(visitorId, 'first-0001', small, { kind: 'file', name: '1.txt' })).status).toBe(201);
    expect((await upload(visitorId, 'second-001', small, { kind: 'file', name: '2.txt' })).status).toBe(201);
    const limited = await upload(visitorId, 'third-0001', small, { kind: 'file', name: '3.txt' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // 4,000 of 6,000 bytes are taken: another visitor's 2,500 bytes do not fit.
    const full = await upload(other.visitorId, 'big-000001', Buffer.alloc(2_500, 8), { kind: 'file', name: 'big.txt' });
    expect(full.status).toBe(507);
    expect(await full.json()).toMatchObject({ code: 'STORAGE_FULL' });
    expect(mediaFiles()).toHaveLength(2);
  });
});
