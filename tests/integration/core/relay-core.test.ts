import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, createFileCredentialStore, silentLog, type Core } from '../../../src/main/core';
import { localDatabasePath } from '../../../src/main/core/store/database';
import { createAgentToken, loadRelayConfig, startRelay, type RunningRelay } from '../../../src/relay/server';
import { silentLogger } from '../../../src/relay/logger';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { tempDir } from '../../unit/core/support/core-harness';

/**
 * The desktop core against the real relay and the fake LINE platform, on real ports with real SQLite
 * files: the path a customer's message and an agent's reply take through the product.
 */
const channelSecret = randomBytes(16).toString('hex');
const channelAccessToken = `it-${randomBytes(8).toString('hex')}`;
const destination = 'U8e742f61d673b39c7fff3cecb7536ef0';
const customer = `U${randomBytes(16).toString('hex')}`;
const conversationId = `line:${customer}`;

let dir: ReturnType<typeof tempDir>;
let fakeLine: FakeLine;
let relayPort: number;
let relay: RunningRelay | null;
let core: Core | null;

async function startTheRelay(): Promise<RunningRelay> {
  return startRelay(
    loadRelayConfig({
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: String(relayPort),
      RELAY_DATA_DIR: join(dir.path, 'relay'),
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
      LINE_API_BASE_URL: fakeLine.url,
    }),
    { logger: silentLogger },
  );
}

async function customerWrites(text: string): Promise<string> {
  const replyToken = fakeLine.issueReplyToken();
  const body = callbackBody(destination, [textMessageEvent({ userId: customer, text, replyToken })]);
  const answer = await postLineWebhook(relay!.url, channelSecret, body);
  expect(answer.status).toBe(200);
  return replyToken;
}

/** Reads the core's store file directly, as a second process would. */
function storedMessages(): Array<{ id: string; direction: string; text: string; delivery: string | null }> {
  const db = new Database(localDatabasePath(join(dir.path, 'desktop')), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT id, direction, text, delivery FROM messages WHERE conversation_id = ? ORDER BY created_at, id')
      .all(conversationId) as Array<{ id: string; direction: string; text: string; delivery: string | null }>;
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = tempDir('inbox-it-');
  fakeLine = await startFakeLine({ channelAccessToken });
  relayPort = await freePort();
  relay = await startTheRelay();
  const agentToken = await createAgentToken(relay.store, { name: '客服小美', role: 'agent' });
  const desktopDir = join(dir.path, 'desktop');
  core = await createCore({ dataDir: desktopDir, credentials: createFileCredentialStore(desktopDir), log: silentLog });
  const signedIn = await core.handle('session:signIn', { relayUrl: relay.url, token: agentToken });
  expect(signedIn).toMatchObject({ ok: true, session: { agentName: '客服小美', role: 'agent' } });
});

afterEach(async () => {
  await core?.close();
  await relay?.close();
  await fakeLine.close();
  dir.remove();
});

describe('desktop core ↔ relay ↔ LINE', () => {
  it('a signed webhook becomes a message in the local SQLite store', async () => {
    await customerWrites('請問這件洋裝還有M號嗎？');
    await waitFor(() => storedMessages().length === 1, { what: 'the message in inbox.sqlite' });
    expect(storedMessages()[0]).toMatchObject({ direction: 'in', text: '請問這件洋裝還有M號嗎？', delivery: null });
    const inbox = await core!.handle('inbox:list', {});
    expect(inbox.conversations[0]).toMatchObject({ id: conversationId, unreadCount: 1, lastMessagePreview: '請問這件洋裝還有M號嗎？' });
    expect(inbox.conversations[0]?.replyWindowOpenedAt).not.toBeNull();
  });

  it('reply:send goes out as a free reply with the customer’s reply token', async () => {
    const replyToken = await customerWrites('運費怎麼算？');
    await waitFor(async () => (await core!.handle('conversation:get', { conversationId })) ?? undefined);
    const sent = await core!.handle('reply:send', { conversationId, text: '滿 999 免運，未滿運費 60 元' });
    if (!sent.ok) throw new Error(sent.message);

    await waitFor(() => storedMessages().find((m) => m.id === sent.messageId)?.delivery === 'sent_free', { what: 'sent_free' });
    const replies = fakeLine.replies().filter((request) => request.status === 200);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.headers.authorization).toBe(`Bearer ${channelAccessToken}`);
    expect(replies[0]?.body).toMatchObject({ replyToken, messages: [{ type: 'text', text: '滿 999 免運，未滿運費 60 元' }] });
    expect(storedMessages().filter((m) => m.direction === 'out')).toHaveLength(1);
    expect((await core!.handle('sync:status', {})).pendingCount).toBe(0);
  });

  it('a reply written while the relay is down is sent exactly once after it restarts', { timeout: 60_000 }, async () => {
    await customerWrites('7-11 取貨要幾天');
    await waitFor(() => storedMessages().length === 1);
    await relay!.close();
    relay = null;
    await waitFor(async () => (await core!.handle('sync:status', {})).connection === 'offline', { what: 'offline' });

    const sent = await core!.handle('reply:send', { conversationId, text: '大約 2-3 天會到店喔' });
    if (!sent.ok) throw new Error(sent.message);
    expect(storedMessages().find((m) => m.id === sent.messageId)?.delivery).toBe('queued');
    expect((await core!.handle('sync:status', {})).pendingCount).toBe(1);

    relay = await startTheRelay(); // same data dir, same port: the agent token still works
    await waitFor(async () => (await core!.handle('sync:status', {})).pendingCount === 0, { timeoutMs: 30_000, what: 'the flush' });
    await waitFor(() => storedMessages().find((m) => m.id === sent.messageId)?.delivery === 'sent_free', { what: 'sent_free' });
    const replies = fakeLine.replies().filter((request) => JSON.stringify(request.body).includes('大約 2-3 天會到店喔'));
    expect(replies).toHaveLength(1);
    expect(fakeLine.pushes()).toHaveLength(0);
    expect(storedMessages().filter((m) => m.direction === 'out')).toHaveLength(1);
  });
});
