import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMediaFolder } from '../../../src/relay/media/media-files';
import { startVisitorUploadSweep, UNSENT_VISITOR_UPLOAD_MAX_AGE_MS } from '../../../src/relay/media/visitor-upload-sweep';
import { silentLogger } from '../../../src/relay/logger';
import { openTempStore, type TempStore } from './store-fixture';

describe('uploads web chat visitors never sent', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = await openTempStore();
  });
  afterEach(() => fixture.dispose());

  it('are removed (record and file) after a day; sent ones stay', async () => {
    const dir = join(fixture.dataDir, 'media');
    const files = createMediaFolder(dir);
    const limits = { perVisitor: 10, perAddress: 10, windowMs: 60_000, maxTotalBytes: 1_000_000 };
    for (const [uploadId, mediaId] of [['unsent-01', 'w_unsent0000000000000000'], ['sent-0001', 'w_sent00000000000000000']] as const) {
      await (await files.receive([Buffer.from('hello')], 100)).commit(mediaId, 'full');
      const record = { uploadId, mediaId, kind: 'file' as const, contentType: 'application/octet-stream', size: 5, fileName: 'a.txt', previewContentType: null, createdAt: 1_000 };
      expect(await fixture.store.webchat.recordVisitorUpload({ visitorId: 'visitor-0000000000000000001', address: '127.0.0.1', record, limits })).toMatchObject({ kind: 'stored' });
    }
    await fixture.store.webchat.attachVisitorUpload({ visitorId: 'visitor-0000000000000000001', uploadId: 'sent-0001', conversationId: 'webchat:web:v_1', messageId: 'wc_1' });

    let now = 1_000 + UNSENT_VISITOR_UPLOAD_MAX_AGE_MS - 1;
    const sweep = startVisitorUploadSweep({ store: fixture.store, files, now: () => now, logger: silentLogger });
    expect(await sweep.run()).toBe(0);
    now += 2;
    expect(await sweep.run()).toBe(1);
    await sweep.stop();
    expect(existsSync(join(dir, 'w_unsent0000000000000000'))).toBe(false);
    expect(existsSync(join(dir, 'w_sent00000000000000000'))).toBe(true);
    expect(await fixture.store.webchat.findVisitorUpload('visitor-0000000000000000001', 'unsent-01')).toBeNull();
    expect(await fixture.store.webchat.sentVisitorUpload('w_sent00000000000000000')).toMatchObject({ messageId: 'wc_1' });
  });

  it('run only in the relay process holding the background lease: a standby sweeps nothing until it takes over', async () => {
    const dir = join(fixture.dataDir, 'media');
    const files = createMediaFolder(dir);
    const mediaId = 'w_standby000000000000000';
    await (await files.receive([Buffer.from('hello')], 100)).commit(mediaId, 'full');
    const record = { uploadId: 'unsent-02', mediaId, kind: 'file' as const, contentType: 'application/octet-stream', size: 5, fileName: 'b.txt', previewContentType: null, createdAt: 1_000 };
    const limits = { perVisitor: 10, perAddress: 10, windowMs: 60_000, maxTotalBytes: 1_000_000 };
    await fixture.store.webchat.recordVisitorUpload({ visitorId: 'visitor-0000000000000000002', address: '127.0.0.1', record, limits });

    let leader = false;
    const now = () => 1_000 + UNSENT_VISITOR_UPLOAD_MAX_AGE_MS + 1;
    const standby = startVisitorUploadSweep({ store: fixture.store, files, now, logger: silentLogger, periodic: () => leader });
    await standby.stop();
    expect(await fixture.store.webchat.findVisitorUpload('visitor-0000000000000000002', 'unsent-02')).toMatchObject({ mediaId });
    expect(existsSync(join(dir, mediaId))).toBe(true);

    leader = true;
    const holder = startVisitorUploadSweep({ store: fixture.store, files, now, logger: silentLogger, periodic: () => leader });
    await holder.stop();
    expect(await fixture.store.webchat.findVisitorUpload('visitor-0000000000000000002', 'unsent-02')).toBeNull();
    expect(existsSync(join(dir, mediaId))).toBe(false);
  });
});
