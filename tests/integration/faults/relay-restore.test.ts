import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { hashAgentToken } from '../../../src/relay/auth/agent-tokens';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import { cartSchema } from '../../../src/shared/orders/cart-schema';
import { giftCart } from '../core/order-world';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import {
  CHANNEL_ACCESS_TOKEN,
  createAgentTokenIn,
  customerMessage,
  deliverPending,
  deliveredReplyTexts,
  relayDbFile,
  desktopDbFile,
  readStore,
  RelayProcess,
  startDesktopCore,
  tempDir,
  type CustomerMessage,
} from './support';

/**
 * The relay's log survives restarts; a relay restored from an old copy of its data folder has a shorter
 * (or different) log than a client has applied, and that client must notice and resync — not skip the
 * relay's new events whose seqs it believes it already has.
 */
describe('relay restarts and restores', () => {
  let fakeLine: FakeLine;
  let relayDir: string;
  let backupDir: string;
  let relay: RelayProcess;
  let token: string;
  const dirs: string[] = [];
  const cores: Core[] = [];
  const customer = 'U' + 'abc'.padStart(32, '0');
  let messageNo = 0;

  beforeEach(async () => {
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    relayDir = tempDir('fault-restore-relay-');
    backupDir = tempDir('fault-restore-backup-');
    dirs.push(relayDir, backupDir);
    token = await createAgentTokenIn(relayDir, 'Amy');
    relay = new RelayProcess({ port: await freePort(), dataDir: relayDir, fakeLine });
    await relay.start();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await relay.stop();
    await fakeLine.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function customerWrites(count: number): Promise<string[]> {
    const batch: CustomerMessage[] = [];
    for (let i = 0; i < count; i += 1) {
      messageNo += 1;
      batch.push(customerMessage(fakeLine, customer, `訊息 ${messageNo}`, String(700_000 + messageNo)));
    }
    await deliverPending(relay.url, batch);
    expect(batch.every((message) => message.accepted)).toBe(true);
    return batch.map((message) => message.messageId);
  }

  async function openCore(): Promise<{ core: Core; dir: string }> {
    const dir = tempDir('fault-restore-core-');
    dirs.push(dir);
    const core = await startDesktopCore(dir, relay.url, token);
    cores.push(core);
    return { core, dir };
  }

  const storedIds = (dir: string) =>
    (readStore(desktopDbFile(dir), (db) => db.prepare(`SELECT server_id FROM messages WHERE direction = 'in' ORDER BY server_id`).all()) as {
      server_id: string;
    }[]).map((row) => row.server_id);
  const relayHead = async () => ((await (await fetch(`${relay.url}/healthz`)).json()) as { headSeq: number }).headSeq;
  const caughtUp = async (core: Core, dir: string) => {
    const head = await relayHead();
    await waitFor(
      () => readStore(desktopDbFile(dir), (db) => (db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get() as { value: string } | undefined)?.value) === String(head),
      { timeoutMs: 20_000, what: `the core to reach seq ${head}` },
    );
    expect((await core.handle('sync:status', {})).connection).toBe('online');
  };

  async function backupAndRestore(work: () => Promise<void>): Promise<void> {
    await relay.stop();
    cpSync(relayDir, backupDir, { recursive: true });
    await relay.start();
    await work();
    await relay.stop();
    rmSync(relayDir, { recursive: true, force: true });
    cpSync(backupDir, relayDir, { recursive: true });
  }

  it('keeps the whole log across restarts: a new client gets every message', async () => {
    const first = await customerWrites(4);
    await relay.kill();
    await relay.start();
    const second = await customerWrites(3);
    await relay.stop();
    await relay.start();
    const { core, dir } = await openCore();
    await caughtUp(core, dir);
    expect(storedIds(dir)).toEqual([...first, ...second].sort());
  });

  it('a client whose cursor is past the restored log’s head resyncs to the relay’s log', async () => {
    const kept = await customerWrites(3);
    const { core, dir } = await openCore();
    await backupAndRestore(async () => {
      await customerWrites(4); // lost with the restore
      await caughtUp(core, dir);
    });
    await relay.start(); // head is now below the client's cursor
    await caughtUp(core, dir);
    expect(storedIds(dir)).toEqual(kept.sort());
    const later = await customerWrites(2);
    await caughtUp(core, dir);
    expect(storedIds(dir)).toEqual([...kept, ...later].sort());
  });

  it('a client offline during the restore, with the relay already past its cursor again, notices the different events and resyncs', async () => {
    const kept = await customerWrites(3);
    const opened = await openCore();
    const dir = opened.dir;
    let core = opened.core;
    await backupAndRestore(async () => {
      await customerWrites(3); // lost with the restore
      await caughtUp(core, dir);
    });
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    await relay.start();
    // New events reuse the seqs the client already applied, and go past its cursor.
    const after = await customerWrites(6);
    core = await startDesktopCore(dir, relay.url, token);
    cores.push(core);
    await caughtUp(core, dir);
    expect(storedIds(dir)).toEqual([...kept, ...after].sort());
  });

  it('a relay whose data was wiped (a new relay id) gets the replies, tag changes and orders queued offline, under their ids', async () => {
    await customerWrites(1);
    let { core, dir } = await openCore();
    await caughtUp(core, dir);
    const oldRelayId = readStore(relayDbFile(relayDir), (db) => (db.prepare(`SELECT value FROM relay_meta WHERE key = 'relay_id'`).get() as { value: string }).value);

    await relay.stop();
    const conversationId = `line:${customer}`;
    const reply = await core.handle('reply:send', { conversationId, text: '新的中繼站也要收到這則' });
    const tag = await core.handle('tags:add', { friendId: customer, tag: 'VIP' });
    const order = await core.handle('orders:create', { conversationId, cart: cartSchema.parse(giftCart), sendSummary: false });
    if (!reply.ok || !tag.ok || !order.ok) throw new Error('queueing offline failed');
    const queued = (await core.handle('outbox:list', {})).items.map((item) => item.id);
    expect(queued).toHaveLength(3);
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    // The relay's data folder is replaced by a new one (same agent token): another log, another relay id.
    rmSync(relayDir, { recursive: true, force: true });
    mkdirSync(relayDir, { recursive: true });
    const fresh = SqliteRelayStore.open(relayDir);
    fresh.insertAgentToken({ tokenHash: hashAgentToken(token), name: 'Amy', role: 'agent', createdAt: Date.now(), revokedAt: null });
    fresh.close();
    await relay.start();
    await customerWrites(1); // the customer writes again: the conversation exists on the new relay
    const newRelayId = readStore(relayDbFile(relayDir), (db) => (db.prepare(`SELECT value FROM relay_meta WHERE key = 'relay_id'`).get() as { value: string }).value);
    expect(newRelayId).not.toBe(oldRelayId);

    core = await startDesktopCore(dir, relay.url, token);
    cores.push(core);
    await waitFor(async () => (await core.handle('sync:status', {})).pendingCount === 0 && (await core.handle('outbox:list', {})).items.length === 0, {
      timeoutMs: 20_000,
      what: 'the queued work to be accepted by the new relay',
    });
    const accepted = readStore(relayDbFile(relayDir), (db) => (db.prepare(`SELECT id FROM mutations WHERE state = 'done'`).all() as { id: string }[]).map((row) => row.id));
    expect(accepted).toEqual(expect.arrayContaining(queued));
    await waitFor(() => deliveredReplyTexts(fakeLine).get('新的中繼站也要收到這則') === 1, { what: 'LINE to get the reply once' });
    const relayTags = readStore(relayDbFile(relayDir), (db) => db.prepare(`SELECT friend_id, tag_key FROM friend_tags`).all());
    expect(relayTags).toEqual([{ friend_id: customer, tag_key: expect.stringMatching(/vip/i) }]);
    const relayOrders = readStore(relayDbFile(relayDir), (db) => (db.prepare(`SELECT order_id FROM orders`).all() as { order_id: string }[]).map((row) => row.order_id));
    expect(relayOrders).toEqual([order.orderId]);
    await waitFor(async () => (await core.handle('orders:get', { orderId: order.orderId }))?.orderNo != null, { what: 'the order to be numbered by the new relay' });
  });
});
