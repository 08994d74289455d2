import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, samplePdf, samplePng, sampleParcelPhoto, textMessageEvent } from '../../../src/demo/fake-line';
import { eventsOfType, CHANNEL_SECRET, startRelayHarness, type RelayHarness } from './harness';
import { messagingApiProblems } from '../../fakes/line-openapi-validator';

/**
 * Photos, files and stickers agents send on LINE, and quote replies: uploaded to the relay, sent by the public
 * https URLs LINE fetches, free with the reply token, valid per messaging-api.yml.
 */
const PUBLIC = 'https://relay.shop.example';
let h: RelayHarness;
beforeEach(async () => {
  h = await startRelayHarness({ env: { RELAY_PUBLIC_URL: PUBLIC } });
});
afterEach(() => h.close());

async function upload(uploadId: string, body: Buffer, kind: 'image' | 'file', name: string, token: string | null = h.agentToken) {
  const response = await fetch(`${h.relay.url}/uploads/${uploadId}?kind=${kind}`, {
    method: 'PUT',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The relay's path of a public URL (the test reaches the relay on its own address). */
const onRelay = (url: string) => `${h.relay.url}${new URL(url).pathname}`;

async function customerWrites(userId: string, text: string) {
  const event = textMessageEvent({ userId, text, replyToken: h.fakeLine.issueReplyToken(), timestamp: h.clock.now() });
  expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
  return event;
}

describe('agents send photos, files and stickers', () => {
  it('refuses uploads without a valid token, too large, or of the wrong type, with a clear error', async () => {
    expect((await upload('upload-no-token-1', sampleParcelPhoto(), 'image', 'a.png', null)).status).toBe(401);
    expect((await upload('upload-bad-token-1', sampleParcelPhoto(), 'image', 'a.png', 'sia_nope')).status).toBe(401);
    const pdfAsPhoto = await upload('upload-pdf-photo', samplePdf(), 'image', 'photo.png');
    expect(pdfAsPhoto).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_TYPE', error: expect.stringContaining('JPEG or PNG') } });
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
    expect(await upload('upload-program-1', elf, 'file', 'invoice.pdf')).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_TYPE' } });
    const huge = Buffer.alloc(11 * 1024 * 1024, 1);
    expect(await upload('upload-huge-photo', huge, 'image', 'big.png')).toMatchObject({ status: 413, body: { code: 'TOO_LARGE', error: 'Photos may be at most 10 MB' } });
  });

  it('sends a screenshot free with the reply token as a LINE image message whose URLs the relay serves publicly', async () => {
    const userId = fakeLineUserId();
    await customerWrites(userId, '可以傳照片給我看嗎？');
    // Larger than 1 MB (noise does not compress): the relay makes a smaller JPEG preview for previewImageUrl.
    const noise = randomBytes(800 * 600 * 3);
    const screenshot = samplePng(800, 600, (x, y) => {
      const at = (y * 800 + x) * 3;
      return [noise[at]!, noise[at + 1]!, noise[at + 2]!];
    });
    expect(screenshot.length).toBeGreaterThan(1024 * 1024);
    const first = await upload('screenshot-upload-1', screenshot, 'image', '螢幕截圖.png');
    expect(first).toMatchObject({ status: 201, body: { uploadId: 'screenshot-upload-1', kind: 'image', contentType: 'image/png', size: screenshot.length } });
    // The same upload again (a retry): the first answer, stored once.
    expect(await upload('screenshot-upload-1', screenshot, 'image', '螢幕截圖.png')).toMatchObject({ status: 200, body: first.body });

    const agent = h.connect(0);
    await agent.hello;
    const ack = await agent.mutate({
      id: 'send-screenshot-1',
      type: 'reply.sendContent',
      payload: { conversationId: `line:${userId}`, content: { type: 'image', uploadId: 'screenshot-upload-1' } },
    });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    const reply = h.fakeLine.replies().find((request) => request.status === 200)!;
    expect(messagingApiProblems('ReplyMessageRequest', reply.body)).toEqual([]);
    const [image] = (reply.body as { messages: Record<string, string>[] }).messages;
    expect(messagingApiProblems('ImageMessage', image)).toEqual([]);
    expect(image).toMatchObject({ type: 'image', originalContentUrl: expect.stringMatching(new RegExp(`^${PUBLIC}/public/media/[\\w-]+$`)) });
    expect(image!.previewImageUrl).toBe(`${image!.originalContentUrl}/preview`);

    // LINE fetches both without any credential.
    const original = await fetch(onRelay(image!.originalContentUrl!));
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await original.arrayBuffer()).equals(screenshot)).toBe(true);
    const preview = await fetch(onRelay(image!.previewImageUrl!));
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
    expect(Number(preview.headers.get('content-length'))).toBeLessThan(1024 * 1024);

    // Agents see it as a photo in the conversation.
    const sent = eventsOfType(await h.relay.store.readEvents(0, 1000), 'message.sent').find((e) => e.payload.mutationId === 'send-screenshot-1')!;
    expect(sent.payload).toMatchObject({ text: '[圖片]', content: { media: { contentType: 'image/png', size: screenshot.length } } });
    const own = await fetch(`${h.relay.url}${sent.payload.content!.media!.url}`, { headers: { authorization: `Bearer ${h.agentToken}` } });
    expect(own.status).toBe(200);
    expect((await fetch(`${h.relay.url}${sent.payload.content!.media!.url}`)).status).toBe(401);
  });

  it('sends a sticker bots may send, refuses others, and quotes the customer’s message', async () => {
    const userId = fakeLineUserId();
    const question = await customerWrites(userId, '請問今天會出貨嗎？');
    const agent = h.connect(0);
    await agent.hello;
    const refused = await agent.mutate({
      id: 'send-sticker-refused',
      type: 'reply.sendContent',
      payload: { conversationId: `line:${userId}`, content: { type: 'sticker', packageId: '1', stickerId: '1' } },
    });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_MUTATION', message: expect.stringContaining('not one LINE lets official accounts send') });
    const quoted = await agent.mutate({
      id: 'send-quoted-text',
      type: 'reply.send',
      payload: { conversationId: `line:${userId}`, text: '今天下午會寄出喔！', quoteOf: question.message.id },
    });
    expect(quoted).toMatchObject({ ok: true, delivery: 'sent_free' });
    await customerWrites(userId, '謝謝');
    const sticker = await agent.mutate({
      id: 'send-sticker-1',
      type: 'reply.sendContent',
      payload: { conversationId: `line:${userId}`, content: { type: 'sticker', packageId: '446', stickerId: '1988' } },
    });
    expect(sticker).toMatchObject({ ok: true, delivery: 'sent_free' });
    const [text, stickerMessage] = h.fakeLine.replies().filter((r) => r.status === 200).map((r) => (r.body as { messages: object[] }).messages[0]);
    expect(text).toEqual({ type: 'text', text: '今天下午會寄出喔！', quoteToken: question.message.quoteToken });
    expect(messagingApiProblems('TextMessage', text)).toEqual([]);
    expect(stickerMessage).toEqual({ type: 'sticker', packageId: '446', stickerId: '1988' });
    expect(messagingApiProblems('StickerMessage', stickerMessage)).toEqual([]);
  });

  it('sends a PDF as its name and public link (LINE has no file message for bots)', async () => {
    const userId = fakeLineUserId();
    await customerWrites(userId, '可以給我退貨單嗎');
    const pdf = samplePdf('Return form');
    expect((await upload('return-form-upload', pdf, 'file', '退貨單.pdf')).status).toBe(201);
    const agent = h.connect(0);
    await agent.hello;
    const ack = await agent.mutate({
      id: 'send-pdf-1',
      type: 'reply.sendContent',
      payload: { conversationId: `line:${userId}`, content: { type: 'file', uploadId: 'return-form-upload' } },
    });
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    const [message] = (h.fakeLine.replies()[0]!.body as { messages: { type: string; text: string }[] }).messages;
    expect(message!.type).toBe('text');
    const link = message!.text.split('\n')[1]!;
    expect(message!.text.startsWith('📎 退貨單.pdf')).toBe(true);
    const served = await fetch(onRelay(link));
    expect(served.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
