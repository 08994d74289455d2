import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_BOT_USER_ID,
  callbackBody,
  fakeLineMessageId,
  fakeLineUserId,
  fileMessageEvent,
  imageMessageEvent,
  postLineWebhook,
  sampleParcelPhoto,
  samplePdf,
  samplePng,
  sampleVideo,
  sampleVoiceMessage,
  unsendEvent,
  videoMessageEvent,
  audioMessageEvent,
} from '../../../src/demo/fake-line';
import type { RelayEvent } from '../../../src/shared/protocol';
import { waitFor as waitUntil } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type RelayHarness } from './harness';

/**
 * Content customers send on LINE, through the real relay and the fake LINE data API: downloaded soon after the
 * webhook, checked by its bytes, kept within the limits, and served to agents only.
 */

let h: RelayHarness;
afterEach(() => h?.close());

async function post(events: object[]): Promise<void> {
  expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, events))).status).toBe(200);
}

const log = () => h.relay.store.readEvents(0, 10_000);
function waitForEvent<T extends RelayEvent['type']>(type: T, messageId: string): Promise<Extract<RelayEvent, { type: T }>> {
  return waitUntil(async () => eventsOfType(await log(), type).find((e) => (e.payload as { messageId?: string }).messageId === messageId), {
    timeoutMs: 15_000,
    what: `${type} of ${messageId}`,
  });
}

async function fetchMedia(path: string, token: string | null) {
  const response = await fetch(`${h.relay.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: Buffer.from(await response.arrayBuffer()) };
}

describe('LINE content customers send', () => {
  beforeEach(async () => {
    h = await startRelayHarness();
  });

  it('downloads a photo after the webhook, with its preview, and serves it to agents only', async () => {
    const userId = fakeLineUserId();
    const messageId = fakeLineMessageId();
    const photo = sampleParcelPhoto();
    const preview = sampleParcelPhoto(80, 60);
    // LINE's header says JPEG; the bytes are PNG: the relay believes the bytes.
    h.fakeLine.setContent(messageId, { body: photo, contentType: 'image/jpeg', preview });
    await post([imageMessageEvent({ source: { type: 'user', userId }, messageId, replyToken: h.fakeLine.issueReplyToken() })]);

    const received = eventsOfType(await log(), 'message.received').find((e) => e.payload.messageId === messageId)!;
    expect(received.payload).toMatchObject({ kind: 'image', text: '[圖片]' });
    expect(received.payload.media).toBeUndefined();

    const ready = await waitForEvent('message.mediaReady', messageId);
    expect(ready.conversationId).toBe(`line:${userId}`);
    expect(ready.payload.media).toEqual({ url: expect.stringMatching(/^\/media\/m_[\w-]+$/), contentType: 'image/png', size: photo.length, previewUrl: `${ready.payload.media.url}/preview` });

    expect((await fetchMedia(ready.payload.media.url, null)).status).toBe(401);
    expect((await fetchMedia(ready.payload.media.url, 'sia_not-a-real-token')).status).toBe(401);
    const full = await fetchMedia(ready.payload.media.url, h.agentToken);
    expect(full).toMatchObject({ status: 200, type: 'image/png' });
    expect(full.body.equals(photo)).toBe(true);
    const small = await fetchMedia(ready.payload.media.previewUrl!, h.agentToken);
    expect(small.status).toBe(200);
    expect(small.body.equals(preview)).toBe(true);
    expect(h.fakeLine.contentRequests().every((request) => request.headers.authorization === 'Bearer test-channel-access-token')).toBe(true);
  });

  it('keeps a PDF as an attachment with its name, and waits for a video to be transcoded', async () => {
    const userId = fakeLineUserId();
    const pdfId = fakeLineMessageId();
    const videoId = fakeLineMessageId();
    const voiceId = fakeLineMessageId();
    const pdf = samplePdf('Receipt');
    h.fakeLine.setContent(pdfId, { body: pdf, contentType: 'application/octet-stream' });
    h.fakeLine.setContent(videoId, { body: sampleVideo(), contentType: 'video/mp4', preview: sampleParcelPhoto(64, 48), transcoding: 'processing' });
    h.fakeLine.setContent(voiceId, { body: sampleVoiceMessage(), contentType: 'audio/x-m4a', transcoding: 'succeeded' });
    const source = { type: 'user' as const, userId };
    await post([
      fileMessageEvent({ source, messageId: pdfId, fileName: '匯款證明 11月.pdf', fileSize: pdf.length }),
      videoMessageEvent({ source, messageId: videoId }),
      audioMessageEvent({ source, messageId: voiceId, duration: 4200 }),
    ]);
    const file = await waitForEvent('message.mediaReady', pdfId);
    expect(file.payload.media).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    const served = await fetchMedia(file.payload.media.url, h.agentToken);
    expect(served.disposition).toContain('attachment');
    expect(served.disposition).toContain(encodeURIComponent('匯款證明 11月.pdf'));
    const voice = await waitForEvent('message.mediaReady', voiceId);
    expect(voice.payload.media.contentType).toBe('audio/x-m4a');
    const received = eventsOfType(await log(), 'message.received');
    expect(received.find((e) => e.payload.messageId === pdfId)!.payload).toMatchObject({ kind: 'file', file: { name: '匯款證明 11月.pdf', size: pdf.length } });
    expect(received.find((e) => e.payload.messageId === voiceId)!.payload).toMatchObject({ kind: 'audio', durationMs: 4200 });

    // The video is still being transcoded: asked again until LINE says it succeeded.
    await waitFor(() => h.fakeLine.contentRequests().filter((r) => r.path.endsWith(`${videoId}/content/transcoding`)).length >= 2, 'transcoding polled twice', 10_000);
    expect(eventsOfType(await log(), 'message.mediaReady').some((e) => e.payload.messageId === videoId)).toBe(false);
    h.fakeLine.setContent(videoId, { body: sampleVideo(), contentType: 'video/mp4', preview: sampleParcelPhoto(64, 48), transcoding: 'succeeded' });
    const video = await waitForEvent('message.mediaReady', videoId);
    expect(video.payload.media).toMatchObject({ contentType: 'video/mp4', previewUrl: expect.stringMatching(/\/preview$/) });
  });

  it('says when content expired at LINE or its bytes are not what the message says', async () => {
    const userId = fakeLineUserId();
    const expiredId = fakeLineMessageId();
    const fakeImageId = fakeLineMessageId();
    h.fakeLine.setContent(expiredId, { body: sampleParcelPhoto(), contentType: 'image/png', expired: true });
    h.fakeLine.setContent(fakeImageId, { body: samplePdf(), contentType: 'image/jpeg' });
    const source = { type: 'user' as const, userId };
    await post([imageMessageEvent({ source, messageId: expiredId }), imageMessageEvent({ source, messageId: fakeImageId })]);
    expect((await waitForEvent('message.mediaUnavailable', expiredId)).payload.reason).toBe('expired');
    expect((await waitForEvent('message.mediaUnavailable', fakeImageId)).payload.reason).toBe('unsupported_type');
    expect(readdirSync(join(h.dataDir, 'media')).filter((name) => name !== '.partial')).toEqual([]);
  });

  it('withdraws an unsent photo: no longer served, its files removed', async () => {
    const userId = fakeLineUserId();
    const messageId = fakeLineMessageId();
    h.fakeLine.setContent(messageId, { body: sampleParcelPhoto(), contentType: 'image/png', preview: sampleParcelPhoto(40, 30) });
    await post([imageMessageEvent({ source: { type: 'user', userId }, messageId })]);
    const ready = await waitForEvent('message.mediaReady', messageId);
    await post([unsendEvent({ source: { type: 'user', userId }, messageId })]);
    const unsent = eventsOfType(await log(), 'channel.event').find((e) => e.payload.eventType === 'unsend')!;
    expect(unsent.payload.details).toEqual({ messageId });
    expect((await fetchMedia(ready.payload.media.url, h.agentToken)).status).toBe(410);
    await waitFor(() => readdirSync(join(h.dataDir, 'media')).filter((name) => name !== '.partial').length === 0, 'the files removed');
  });
});

describe('LINE content limits', () => {
  it('refuses a file over the per-file limit and one that would overfill the shop’s storage', async () => {
    const photo = sampleParcelPhoto(240, 180);
    // Room for one photo per file and in the shop's storage, not two; the big one is noise (PNG cannot shrink it).
    const limit = Math.round(photo.length * 1.5);
    h = await startRelayHarness({ env: { RELAY_MEDIA_MAX_FILE_BYTES: String(limit), RELAY_MEDIA_MAX_TOTAL_BYTES: String(limit) } });
    const userId = fakeLineUserId();
    const [big, first, second] = [fakeLineMessageId(), fakeLineMessageId(), fakeLineMessageId()];
    const source = { type: 'user' as const, userId };
    let seed = 7;
    const noise = samplePng(200, 200, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return [seed & 255, (seed >> 8) & 255, (seed >> 16) & 255];
    });
    expect(noise.length).toBeGreaterThan(limit);
    h.fakeLine.setContent(big, { body: noise, contentType: 'image/png' });
    h.fakeLine.setContent(first, { body: photo, contentType: 'image/png' });
    h.fakeLine.setContent(second, { body: photo, contentType: 'image/png' });
    await post([imageMessageEvent({ source, messageId: big })]);
    expect((await waitForEvent('message.mediaUnavailable', big)).payload.reason).toBe('too_large');
    await post([imageMessageEvent({ source, messageId: first })]);
    await waitForEvent('message.mediaReady', first);
    await post([imageMessageEvent({ source, messageId: second })]);
    expect((await waitForEvent('message.mediaUnavailable', second)).payload.reason).toBe('storage_full');
    expect(await h.relay.store.mediaBytesStored()).toBe(photo.length);
  });
});
