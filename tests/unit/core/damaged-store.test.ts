import { closeSync, existsSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../../src/main/core';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { localDatabasePath } from '../../../src/main/core/store/database';
import { saveDraft } from '../../../src/main/core/store/drafts';
import { LocalStoreHandle } from '../../../src/main/core/store/store-handle';
import { waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted, messageReceived, startFakeRelay, type FakeRelay } from './support/fake-relay';
import { startCore, tempDir, type CoreHarness } from './support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CHEN = 'line:Uchen';
const REPLIES = ['您好，M 號明天補貨', '幫您保留一件喔', '運費滿千免運'];

/** A real store file: three unsent replies and a draft written first, then enough history to fill many pages. */
function storeWithUnsentReplies(dataDir: string): string[] {
  const store = new LocalStoreHandle(dataDir);
  const db = store.current();
  upsertConversation(db, { id: CHEN, channel: 'line', friendId: 'Uchen', displayName: '陳小姐', pictureUrl: null }, 0);
  const ids = REPLIES.map((text) => {
    const queued = enqueueReply(db, { conversationId: CHEN, text }, () => 1_700_000_000_000);
    if (!queued.ok) throw new Error(queued.message);
    return queued.messageId;
  });
  saveDraft(db, CHEN, '還沒打完的回覆', 1);
  const insert = db.prepare(
    `INSERT INTO messages (id, server_id, conversation_id, direction, kind, text, created_at, delivery) VALUES (?, ?, 'line:Uold', 'in', 'text', ?, ?, NULL)`,
  );
  db.transaction(() => {
    for (let i = 0; i < 4_000; i += 1) insert.run(`old-${i}`, `old-${i}`, `很久以前的訊息 ${i} `.repeat(8), i);
  })();
  store.close(); // checkpoints the WAL into the main file
  return ids;
}

/** Overwrites a run of pages in the middle of the file with garbage (what a bad disk sector does). */
function overwriteMiddlePages(file: string): void {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  try {
    for (let page = Math.floor(pages * 0.4); page < Math.floor(pages * 0.7); page += 1) {
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}

async function relayWithChen(): Promise<FakeRelay> {
  const fake = await startFakeRelay();
  cleanups.push(() => fake.close());
  fake.append(conversationUpserted('Uchen', '陳小姐'));
  fake.append(messageReceived('Uchen', 'm1', '請問洋裝還有 M 號嗎？'));
  return fake;
}

async function coreOn(dataDir: string, fake: FakeRelay): Promise<CoreHarness> {
  const harness = await startCore({ dataDir, credentials: createMemoryCredentialStore({ relayUrl: fake.url, token: DEFAULT_TOKEN }) });
  cleanups.push(() => harness.close());
  return harness;
}

describe('a damaged local store', () => {
  it('pages overwritten in the middle: the core starts, reports the damage, and the repair saves the outbox, keeps a copy and resyncs', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const ids = storeWithUnsentReplies(dir.path);
    overwriteMiddlePages(localDatabasePath(dir.path));
    const fake = await relayWithChen();

    const { core } = await coreOn(dir.path, fake);
    const health = await core.handle('store:health', {});
    expect(health).toMatchObject({ state: 'damaged' });
    // Nothing is synced into the damaged store, and the app still answers.
    expect(fake.connectedCount()).toBe(0);
    expect((await core.handle('inbox:list', {})).total).toBe(0);

    const result = await core.handle('store:recover', {});
    if (!result.ok) throw new Error(result.message);
    const { recovery } = result;
    expect(recovery).toMatchObject({ savedItems: 3, requeuedItems: 3 });
    expect(recovery.unsentFile).toMatch(/unsent-before-repair-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
    const saved = JSON.parse(readFileSync(recovery.unsentFile, 'utf8')) as { format: string; reason: string; items: Array<{ mutationId: string; payload: { text: string } }> };
    expect(saved).toMatchObject({ format: 'shop-inbox-unsent/1', reason: 'damaged_store' });
    expect(saved.items.map((item) => [item.mutationId, item.payload.text])).toEqual(ids.map((id, i) => [id, REPLIES[i]]));
    expect(recovery.damagedCopy).toMatch(/inbox\.sqlite\.damaged-/);
    expect(existsSync(recovery.damagedCopy!)).toBe(true);

    // A fresh, working store: resynced from the relay, the replies delivered under their first ids.
    expect(await core.handle('store:health', {})).toEqual({ state: 'ok' });
    await waitFor(() => ids.every((id) => fake.mutations.some((call) => call.id === id)), { what: 'the saved replies to reach the relay' });
    await waitFor(async () => (await core.handle('sync:status', {})).pendingCount === 0, { what: 'the outbox to empty' });
    const texts = (await core.handle('conversation:messages', { conversationId: CHEN })).messages.map((message) => message.text);
    expect(texts).toEqual(expect.arrayContaining(['請問洋裝還有 M 號嗎？', ...REPLIES]));
    expect(await core.handle('reply:send', { conversationId: CHEN, text: '已出貨' })).toMatchObject({ ok: true });
  });

  it('a truncated store: the core starts, reports it, and the repair ends with a working store', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    storeWithUnsentReplies(dir.path);
    const file = localDatabasePath(dir.path);
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const fake = await relayWithChen();

    const { core } = await coreOn(dir.path, fake);
    expect(await core.handle('store:health', {})).toMatchObject({ state: 'damaged' });
    const result = await core.handle('store:recover', {});
    expect(result.ok).toBe(true);
    expect(existsSync(result.ok ? result.recovery.unsentFile : '')).toBe(true);
    await waitFor(async () => (await core.handle('inbox:list', {})).total === 1, { what: 'the resync from the relay' });
    expect(await core.handle('reply:send', { conversationId: CHEN, text: '謝謝您' })).toMatchObject({ ok: true });
  });

  it('a file that is no database at all is reported, not thrown', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    storeWithUnsentReplies(dir.path);
    const fd = openSync(localDatabasePath(dir.path), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x00), 0, 4096, 0);
    closeSync(fd);
    const fake = await relayWithChen();
    const { core } = await coreOn(dir.path, fake);
    expect(await core.handle('store:health', {})).toMatchObject({ state: 'damaged' });
    const result = await core.handle('store:recover', {});
    expect(result).toMatchObject({ ok: true, recovery: { savedItems: 0, requeuedItems: 0 } });
    await waitFor(async () => (await core.handle('inbox:list', {})).total === 1, { what: 'the resync from the relay' });
  });

  it('a sound store is not touched', async () => {
    const harness = await startCore();
    cleanups.push(() => harness.close());
    expect(await harness.core.handle('store:health', {})).toEqual({ state: 'ok' });
    expect(await harness.core.handle('store:recover', {})).toMatchObject({ ok: false, code: 'NOT_DAMAGED' });
  });
});
