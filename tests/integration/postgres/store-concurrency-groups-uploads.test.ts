import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import type { RecordVisitorUploadInput } from '../../../src/relay/store/webchat-upload-store-types';
import { lineMessageEvent } from '../../../src/demo/fake-line';
import { recordInbound } from '../../support/inbound';
import { queryTestStore } from '../../support/relay-backend';
import { openStorePair } from './store-pair';

/**
 * Members of LINE groups and web chat visitors' uploads with two relay processes on one schema (two stores, each
 * with its own pool), operations raced through both at the same moment.
 */
const NOW = 1_800_000_000_000;
const GROUP = `C${'0'.repeat(28)}cafe`;
const MEMBER = `U${'0'.repeat(29)}mei`;

function upload(visitorId: string, n: number, overrides: Partial<RecordVisitorUploadInput['limits']> = {}, size = 100): RecordVisitorUploadInput {
  const id = `${visitorId}-${n}`;
  return {
    visitorId,
    address: '203.0.113.7',
    record: { uploadId: id, mediaId: `w_${id}`, kind: 'image', contentType: 'image/jpeg', size, fileName: 'photo.jpg', previewContentType: null, createdAt: NOW + n },
    limits: { perVisitor: 100, perAddress: 100, windowMs: 60_000, maxTotalBytes: 1_000_000, ...overrides },
  };
}

describe('two relay processes on one PostgreSQL schema: group members and visitors’ uploads', () => {
  let a: RelayStore;
  let b: RelayStore;
  let dataDir: string;
  beforeEach(async () => {
    [a, b, dataDir] = await openStorePair();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('a member writing through both stores at once is one member, first and last seen across both', async () => {
    const line = (n: number) =>
      mapLineEvents([lineMessageEvent({ source: { type: 'group', groupId: GROUP, userId: MEMBER }, message: { type: 'text', text: `+${n}` }, timestamp: NOW + n })]);
    await Promise.all(Array.from({ length: 10 }, (_, n) => recordInbound(n % 2 === 0 ? a : b, line(n), NOW + n)));
    expect(await queryTestStore(dataDir, `SELECT member_id, first_seen_at, last_seen_at FROM conversation_members`)).toEqual([
      { member_id: MEMBER, first_seen_at: NOW, last_seen_at: NOW + 9 },
    ]);
  });

  it('holds a visitor’s rate limit and the shop’s storage exactly across both stores, and stores a retried upload once', async () => {
    const limited = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? a : b).webchat.recordVisitorUpload(upload('visitor-one', n, { perVisitor: 3 }))));
    expect(limited.filter((result) => result.kind === 'stored')).toHaveLength(3);
    expect(limited.filter((result) => result.kind === 'refused' && result.code === 'RATE_LIMITED')).toHaveLength(7);

    const used = await a.mediaBytesStored();
    const room = { maxTotalBytes: used + 2 * 400 };
    const filling = await Promise.all(
      Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? a : b).webchat.recordVisitorUpload({ ...upload(`visitor-fill-${n}`, n, room, 400), address: `198.51.100.${n}` })),
    );
    expect(filling.filter((result) => result.kind === 'stored')).toHaveLength(2);
    expect(await b.mediaBytesStored()).toBe(used + 800);

    const retried = await Promise.all([a.webchat.recordVisitorUpload(upload('visitor-two', 1)), b.webchat.recordVisitorUpload(upload('visitor-two', 1))]);
    expect(retried.map((result) => result.kind).sort()).toEqual(['repeat', 'stored']);
  });

  it('sweeps through both stores at once hand each unsent upload to one of them', async () => {
    for (let n = 0; n < 20; n += 1) await a.webchat.recordVisitorUpload(upload('visitor-sweep', n));
    await b.webchat.attachVisitorUpload({ visitorId: 'visitor-sweep', uploadId: upload('visitor-sweep', 0).record.uploadId, conversationId: 'webchat:web:v_1', messageId: 'wc_1' });
    const taken = await Promise.all([a.webchat.takeUnsentVisitorUploads(NOW + 100), b.webchat.takeUnsentVisitorUploads(NOW + 100)]);
    const all = taken.flat();
    expect(all).toHaveLength(19);
    expect(new Set(all).size).toBe(19);
    expect(await a.webchat.sentVisitorUpload(upload('visitor-sweep', 0).record.mediaId)).toMatchObject({ messageId: 'wc_1' });
  });
});
