import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, type RelayHarness } from '../relay/harness';
import { desktopDbFile, readStore, startDesktopCore, tempDir } from './support';

const customer = `U${'fb1'.padStart(32, '0')}`;
const conversationId = `line:${customer}`;

const cursorOf = (dataDir: string) =>
  readStore(desktopDbFile(dataDir), (db) => Number((db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get() as { value: string } | undefined)?.value ?? 0));
const learnedRows = (dataDir: string) =>
  readStore(desktopDbFile(dataDir), (db) => db.prepare('SELECT rule_id, verdict, text, agent_name FROM learned_examples ORDER BY seq').all());
const pending = (dataDir: string) => readStore(desktopDbFile(dataDir), (db) => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n);

describe('learning from the team survives being offline', () => {
  let h: RelayHarness;
  const dirs: string[] = [];
  const open: Core[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
    await h?.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a "sent as suggested" given offline is recorded once when the app reconnects, and reaches every app', async () => {
    h = await startRelayHarness();
    const event = textMessageEvent({ userId: customer, text: '錢什麼時候會退給我', replyToken: h.fakeLine.issueReplyToken() });
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
    const received = eventsOfType(await h.relay.store.readEvents(0, 100), 'message.received')[0]!;
    const head = await h.relay.store.headSeq();
    const amy = tempDir('fault-learn-amy-');
    const other = tempDir('fault-learn-other-');
    dirs.push(amy, other);

    // Amy syncs once, then works offline (nothing listens there).
    const first = await startDesktopCore(amy, h.relay.url, h.agentToken);
    await waitFor(() => cursorOf(amy) === head, { what: 'the first sync' });
    await first.close();
    const offline = await startDesktopCore(amy, `http://127.0.0.1:${await freePort()}`, h.agentToken);
    const queued = await offline.handle('suggestions:feedback', { conversationId, messageId: received.payload.messageId, ruleId: 'returns', verdict: 'accepted' });
    expect(queued).toEqual({ ok: true });
    // Twice by mistake (a double click): still one verdict on the relay.
    await offline.handle('suggestions:feedback', { conversationId, messageId: received.payload.messageId, ruleId: 'returns', verdict: 'accepted' });
    expect(pending(amy)).toBe(2);
    await offline.close();

    // Back online, and the app is open on a second computer too.
    open.push(await startDesktopCore(amy, h.relay.url, h.agentToken), await startDesktopCore(other, h.relay.url, h.agentToken));
    await waitFor(async () => pending(amy) === 0 && cursorOf(other) === (await h.relay.store.headSeq()) && learnedRows(other).length > 0, {
      timeoutMs: 60_000,
      what: 'the outbox to flush and the other app to receive the learned example',
    });
    const recorded = eventsOfType(await h.relay.store.readEvents(0, 1000), 'suggestion.feedback');
    expect(recorded).toHaveLength(1);
    expect(learnedRows(other)).toEqual([{ rule_id: 'returns', verdict: 'accepted', text: '錢什麼時候會退給我', agent_name: 'Amy' }]);
    await waitFor(() => learnedRows(amy).length === 1, { what: 'Amy’s own copy confirmed by the relay' });
  });
});
