import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, textMessageEvent } from '../../fakes/fake-line';
import { freePort, ROOT_DIR, waitFor } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, type RelayHarness } from '../relay/harness';
import { desktopDbFile, readStore, tempDir } from './support';

const REPLIES = 60;

/** The desktop core as a child process that can be SIGKILLed with replies still in its outbox. */
class CoreProcess {
  private child: ChildProcess | null = null;
  private stdout = '';

  constructor(private readonly dataDir: string, private readonly token: string) {}

  async start(relayUrl: string): Promise<void> {
    this.stdout = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/faults/core-process.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, CORE_DATA_DIR: this.dataDir, RELAY_URL: relayUrl, AGENT_TOKEN: this.token },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    await waitFor(() => this.stdout.includes('ready\n'), { timeoutMs: 20_000, what: 'the core process to start' });
  }

  /** Queues replies through the IPC handler; resolves with their ids once all are in the outbox. */
  async queueReplies(conversationId: string, texts: string[]): Promise<string[]> {
    for (const text of texts) this.child!.stdin!.write(`${JSON.stringify({ conversationId, text })}\n`);
    const ids = await waitFor(
      () => {
        const queued = [...this.stdout.matchAll(/^queued (\S+)$/gm)].map((match) => match[1] as string);
        return queued.length === texts.length ? queued : undefined;
      },
      { timeoutMs: 20_000, what: 'the replies to be queued' },
    );
    return ids;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
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
    const ids = await core.queueReplies(conversationId, texts);
    await core.kill();
    expect(outbox().map((row) => row.id).sort()).toEqual([...ids].sort());

    // 3. Back online, killed again in the middle of flushing.
    await core.start(h.relay.url);
    await waitFor(() => h.relay.store.readEvents(0, 10_000).filter((e) => e.type === 'message.sent').length >= 5, {
      intervalMs: 1,
      what: 'the flush to get going',
    });
    await core.kill();
    const leftAfterSecondKill = outbox().length;
    expect(leftAfterSecondKill).toBeGreaterThan(0);

    // 4. Restarted: the rest goes out.
    await core.start(h.relay.url);
    await waitFor(() => outbox().length === 0, { timeoutMs: 30_000, what: 'the outbox to empty' });

    const log = h.relay.store.readEvents(0, 10_000);
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
