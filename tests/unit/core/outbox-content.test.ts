import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { getOutboxItem } from '../../../src/main/core/store/outbox';
import { getMessage } from '../../../src/main/core/store/messages';
import { createOutboxFiles } from '../../../src/main/core/outbox/outbox-files';
import { enqueueContent, queuedFileName } from '../../../src/main/core/outbox/enqueue-content';
import { uploadBeforeSend } from '../../../src/main/core/outbox/content-upload';
import { createMediaCache } from '../../../src/main/core/media/media-cache';
import { loadMessageMedia } from '../../../src/main/core/media/media-loader';
import { sampleParcelPhoto, samplePdf } from '../../../src/demo/fake-line';
import type { Mutation } from '../../../src/shared/protocol';

let db: Database.Database;
let dir: string;
beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  dir = mkdtempSync(join(tmpdir(), 'core-outbox-files-'));
  upsertConversation(db, { id: 'line:U1', channel: 'line', friendId: 'U1', displayName: '陳小姐', pictureUrl: null }, 1);
  upsertConversation(db, { id: 'messenger:P:S1', channel: 'messenger', friendId: 'S1', displayName: 'Mia', pictureUrl: null }, 1);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('photos, files and stickers queued to send', () => {
  it('keeps the file locally, queues reply.sendContent with the optimistic message, and shows it offline', async () => {
    const files = createOutboxFiles(join(dir, 'outbox-files'));
    const photo = sampleParcelPhoto();
    const queued = await enqueueContent(() => db, files, { conversationId: 'line:U1', content: { type: 'image', name: '截圖.png', contentType: 'image/png', dataBase64: photo.toString('base64') } }, () => 1000);
    expect(queued.ok).toBe(true);
    const id = queued.ok ? queued.messageId : '';
    const row = getOutboxItem(db, id)!;
    expect(row.type).toBe('reply.sendContent');
    const payload = JSON.parse(row.payload) as { content: { type: string; uploadId: string } };
    expect(payload.content.type).toBe('image');
    expect(readdirSync(join(dir, 'outbox-files'))).toEqual([payload.content.uploadId]);
    expect(getMessage(db, id)).toMatchObject({ kind: 'image', text: '[圖片]', delivery: 'queued' });
    expect(queuedFileName(db, id)).toBe('截圖.png');
    const cache = createMediaCache({ dir: join(dir, 'cache'), maxBytes: 10_000_000, now: () => 1 });
    const shown = await loadMessageMedia({ db: () => db, cache, credentials: () => null, outboxFiles: files }, { messageId: id, variant: 'preview' });
    expect(shown).toMatchObject({ ok: true, contentType: 'image/png', size: photo.length });

    // The upload goes first with the token and the name; a refusal (415) is permanent, a network error is not.
    const calls: { url: string; headers: Record<string, string> }[] = [];
    let answer: () => Response = () => new Response(JSON.stringify({ uploadId: payload.content.uploadId, kind: 'image', contentType: 'image/png', size: photo.length }), { status: 201 });
    const fakeFetch = (async (url: URL, init: RequestInit) => {
      calls.push({ url: url.toString(), headers: init.headers as Record<string, string> });
      return answer();
    }) as unknown as typeof fetch;
    const mutation = { id, type: 'reply.sendContent', payload } as Mutation;
    const deps = { credentials: () => ({ relayUrl: 'http://127.0.0.1:9', token: 'sia_t' }), files, fileNameOf: (m: string) => queuedFileName(db, m), fetch: fakeFetch };
    expect(await uploadBeforeSend(mutation, deps)).toEqual({ ok: true });
    expect(calls[0]).toMatchObject({
      url: `http://127.0.0.1:9/uploads/${payload.content.uploadId}?kind=image`,
      headers: { authorization: 'Bearer sia_t', 'x-file-name': encodeURIComponent('截圖.png') },
    });
    answer = () => new Response(JSON.stringify({ code: 'UNSUPPORTED_TYPE', error: 'Photos must be JPEG or PNG images' }), { status: 415 });
    expect(await uploadBeforeSend(mutation, deps)).toEqual({ ok: false, permanent: true, message: 'Photos must be JPEG or PNG images' });
    answer = () => {
      throw new TypeError('fetch failed');
    };
    expect(await uploadBeforeSend(mutation, deps)).toMatchObject({ ok: false, permanent: false });
  });

  it('refuses what the channel or LINE cannot take, before anything is queued', async () => {
    const files = createOutboxFiles(join(dir, 'outbox-files'));
    const send = (conversationId: string, content: Parameters<typeof enqueueContent>[2]['content']) => enqueueContent(() => db, files, { conversationId, content }, () => 1);
    expect(await send('messenger:P:S1', { type: 'sticker', packageId: '446', stickerId: '1988' })).toMatchObject({ ok: false, code: 'NOT_SUPPORTED' });
    expect(await send('line:U1', { type: 'sticker', packageId: '1', stickerId: '1' })).toMatchObject({ ok: false, code: 'NOT_SUPPORTED' });
    expect(await send('line:U1', { type: 'image', name: 'a.pdf', contentType: 'application/pdf', dataBase64: samplePdf().toString('base64') })).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE' });
    expect(await send('line:U1', { type: 'file', name: 'big.bin', contentType: 'application/octet-stream', dataBase64: Buffer.alloc(26 * 1024 * 1024).toString('base64') })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(readdirSync(join(dir, 'outbox-files'))).toEqual([]);
    expect(await send('line:U1', { type: 'sticker', packageId: '446', stickerId: '1988' })).toMatchObject({ ok: true });
  });
});
