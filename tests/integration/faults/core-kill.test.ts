import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import type { IpcOutput } from '../../../src/shared/ipc';
import { freePort, waitFor } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, type RelayHarness } from '../relay/harness';
import { CoreProcess, desktopDbFile, readStore, tempDir } from './support';

const REPLIES = 60;

/** Queues replies through the core's IPC handler; resolves with their ids once all are in the outbox. */
async function queueReplies(core: CoreProcess, conversationId: string, texts: string[]): Promise<string[]> {
  const results = await core.run(texts.map((text) => ({ channel: 'reply:send', input: { conversationId, text } })));
  return results.map((result) => {
    const sent = result as IpcOutput<'reply:send'>;
    if (!sent.ok) throw new Error(`a reply was refused: ${JSON.stringify(sent)}`);
    return sent.messageId;
  });
}

describe('the desktop core killed with a pending outbox', () => {
  let h: RelayHarness;
  let dataDir: string;
  let core: CoreProcess;
  beforeEach(async () => {
    h = await startRelayHarness();
    dataDir = tempDir('fault-core-kill-');
    core = new CoreProcess(dataDir, h.agentToken);
  });
  afterEach(async () => {
    await core.kill();
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const outbox = () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT id, state FROM outbox').all()) as { id: string; state: string }[];

  it('sends every queued reply exactly once after restarts, even when killed again mid-flush', async () => {
    const userId = fakeLineUserId();
    const conversationId = `line:${userId}`;
    const event = textMessageEvent({ userId, text: '我要訂兩件', replyToken: h.fakeLine.issueReplyToken() });
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);

    // 1. Online once, so the conversation is in the local store.
    await core.start(h.relay.url);
    await waitFor(
      () => readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(conversationId)) !== undefined,
      { what: 'the conversation to sync' },
    );
    await core.kill('SIGTERM');

    // 2. Offline (nothing listens at that port): replies are queued, then the process is killed.
    await core.start(`http://127.0.0.1:${await freePort()}`);
    const texts = Array.from({ length: REPLIES }, (_, i) => `好的，第 ${i + 1} 件已登記`);
    const ids = await queueReplies(core, conversationId, texts);
    await core.kill();
    expect(outbox().map((row) => row.id).sort()).toEqual([...ids].sort());

    // 3. Back online, killed again in the middle of flushing.
    await core.start(h.relay.url);
    await waitFor(async () => (await h.relay.store.readEvents(0, 10_000)).filter((e) => e.type === 'message.sent').length >= 5, {
      intervalMs: 1,
      what: 'the flush to get going',
    });
    await core.kill();
    const leftAfterSecondKill = outbox().length;
    expect(leftAfterSecondKill).toBeGreaterThan(0);

    // 4. Restarted: the rest goes out.
    await core.start(h.relay.url);
    await waitFor(() => outbox().length === 0, { timeoutMs: 30_000, what: 'the outbox to empty' });

    const log = await h.relay.store.readEvents(0, 10_000);
    const sent = eventsOfType(log, 'message.sent');
    expect(sent.map((e) => e.payload.mutationId).sort()).toEqual([...ids].sort()); // each mutation once
    expect(sent.map((e) => e.payload.text)).toEqual(texts); // in the order they were written
    const lineTexts = h.fakeLine.replies().flatMap((request) => (request.body as { messages: { text: string }[] }).messages.map((m) => m.text));
    expect(new Set(lineTexts).size).toBe(lineTexts.length); // nothing reached LINE twice
    expect(h.fakeLine.pushes()).toHaveLength(0);
    // The local copies carry the relay's outcome; none is left pending.
    const local = readStore(desktopDbFile(dataDir), (db) =>
      db.prepare(`SELECT delivery FROM messages WHERE direction = 'out'`).all(),
    ) as { delivery: string }[];
    expect(local).toHaveLength(REPLIES);
    expect(local.every((row) => ['sent_free', 'held'].includes(row.delivery))).toBe(true);
    console.info(`core killed with ${REPLIES} queued, then again with ${leftAfterSecondKill} still queued; ${sent.length} replies reached the relay once each`);
  }, 90_000);
});
