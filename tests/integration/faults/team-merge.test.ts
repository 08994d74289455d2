import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { freePort, waitFor } from '../../support/processes';
import { CHANNEL_SECRET, startRelayHarness, type RelayHarness } from '../relay/harness';
import { desktopDbFile, readStore, startDesktopCore, tempDir } from './support';

/**
 * The merge rule for team-inbox changes made concurrently (docs/protocol.md, "Team inbox: the merge rule"), with
 * two real desktop cores and a real relay: one agent works offline while the other works online, then both
 * converge on ONE outcome, and every change either applied or is shown to its author as not applied.
 */
const CUSTOMER = 'U' + 'f1'.padEnd(32, '1');
const CONVERSATION = `line:${CUSTOMER}`;

interface Agent {
  name: string;
  token: string;
  dir: string;
  core: Core | null;
}

const cursorOf = (dir: string) =>
  readStore(desktopDbFile(dir), (db) => Number((db.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get() as { value: string } | undefined)?.value ?? 0));
const pendingOf = (dir: string) => readStore(desktopDbFile(dir), (db) => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n);
/** What both agents must agree on: status, assignee, the thread's team lines and notes. */
const teamState = (dir: string) =>
  readStore(desktopDbFile(dir), (db) => ({
    conversation: db.prepare('SELECT status, assignee, pending_status_id, pending_assign_id, waiting_since FROM conversations WHERE id = ?').get(CONVERSATION),
    lines: db
      .prepare(`SELECT kind, author, text FROM messages WHERE conversation_id = ? AND kind IN ('note', 'activity') AND id NOT LIKE 'refused:%' ORDER BY created_at, id`)
      .all(CONVERSATION) as { kind: string; author: string | null; text: string }[],
  }));
const refusalsOf = (dir: string) =>
  readStore(desktopDbFile(dir), (db) =>
    (db.prepare(`SELECT text FROM messages WHERE conversation_id = ? AND id LIKE 'refused:%' ORDER BY created_at`).all(CONVERSATION) as { text: string }[]).map((row) =>
      JSON.parse(row.text),
    ),
  );

describe('team inbox: concurrent offline and online changes converge on one documented outcome', () => {
  let h: RelayHarness;
  let a: Agent;
  let b: Agent;
  let nowhere: string;

  async function customerAsks(text: string): Promise<void> {
    const event = textMessageEvent({ userId: CUSTOMER, text, replyToken: h.fakeLine.issueReplyToken() });
    expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [event]))).status).toBe(200);
  }
  async function online(agent: Agent): Promise<Core> {
    await agent.core?.close();
    agent.core = await startDesktopCore(agent.dir, h.relay.url, agent.token);
    return agent.core;
  }
  async function offline(agent: Agent): Promise<Core> {
    await agent.core?.close();
    agent.core = await startDesktopCore(agent.dir, nowhere, agent.token);
    return agent.core;
  }
  async function settled(...agents: Agent[]): Promise<void> {
    await waitFor(
      async () => {
        const head = await h.relay.store.headSeq();
        return agents.every((agent) => pendingOf(agent.dir) === 0 && cursorOf(agent.dir) === head);
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'both outboxes to flush and both stores to catch up' },
    );
  }

  beforeEach(async () => {
    h = await startRelayHarness();
    nowhere = `http://127.0.0.1:${await freePort()}`;
    a = { name: '小美', token: await createAgentToken(h.relay.store, { name: '小美', role: 'agent' }), dir: tempDir('team-merge-a-'), core: null };
    b = { name: '阿杰', token: await createAgentToken(h.relay.store, { name: '阿杰', role: 'agent' }), dir: tempDir('team-merge-b-'), core: null };
    await customerAsks('請問碎花洋裝還有 M 號嗎？');
    await online(a);
    await online(b);
    await settled(a, b);
    expect(await a.core!.handle('workflow:assign', { conversationId: CONVERSATION, assignee: '小美' })).toEqual({ ok: true });
    await settled(a, b);
  });
  afterEach(async () => {
    await a.core?.close();
    await b.core?.close();
    await h.close();
    for (const agent of [a, b]) rmSync(agent.dir, { recursive: true, force: true });
  });

  it('done offline by A while B reassigns online → done AND assigned to B on both; A’s note is kept', async () => {
    const offlineA = await offline(a);
    expect(await offlineA.handle('workflow:setStatus', { conversationId: CONVERSATION, status: 'done' })).toEqual({ ok: true });
    expect(await offlineA.handle('workflow:addNote', { conversationId: CONVERSATION, text: '已經回覆她有 M 號，可以結案' })).toMatchObject({ ok: true });
    // A sees her own change at once, offline.
    expect((await offlineA.handle('conversation:get', { conversationId: CONVERSATION }))?.workflow).toMatchObject({ status: 'done', pending: true });

    expect(await b.core!.handle('workflow:assign', { conversationId: CONVERSATION, assignee: '阿杰' })).toEqual({ ok: true });
    await waitFor(async () => (await h.relay.store.getConversationWorkflow(CONVERSATION)).assignee === '阿杰', { what: 'B’s reassignment on the relay' });

    await online(a);
    await settled(a, b);
    expect(await h.relay.store.getConversationWorkflow(CONVERSATION)).toMatchObject({ status: 'done', assignee: '阿杰' });
    const [stateA, stateB] = [teamState(a.dir), teamState(b.dir)];
    expect(stateA).toEqual(stateB);
    expect(stateA.conversation).toEqual({ status: 'done', assignee: '阿杰', pending_status_id: null, pending_assign_id: null, waiting_since: expect.any(Number) });
    expect(stateA.lines.map((line) => [line.kind, line.author])).toEqual([
      ['activity', '小美'],
      ['activity', '阿杰'],
      ['activity', '小美'],
      ['note', '小美'],
    ]);
    expect(refusalsOf(a.dir)).toEqual([]);
    for (const agent of [a, b]) {
      const done = await agent.core!.handle('inbox:list', { view: 'done', limit: 10 });
      expect(done.conversations.map((conversation) => [conversation.id, conversation.workflow?.assignee])).toEqual([[CONVERSATION, '阿杰']]);
    }
  });

  it('the same field changed on both sides: the online change A had not seen wins, A is told why', async () => {
    const offlineA = await offline(a);
    expect(await offlineA.handle('workflow:assign', { conversationId: CONVERSATION, assignee: null })).toEqual({ ok: true });
    expect(await b.core!.handle('workflow:assign', { conversationId: CONVERSATION, assignee: '阿杰' })).toEqual({ ok: true });
    await waitFor(async () => (await h.relay.store.getConversationWorkflow(CONVERSATION)).assignee === '阿杰', { what: 'B’s assignment on the relay' });

    await online(a);
    await settled(a, b);
    expect((await h.relay.store.getConversationWorkflow(CONVERSATION)).assignee).toBe('阿杰');
    expect(teamState(a.dir)).toEqual(teamState(b.dir));
    expect(refusalsOf(a.dir)).toEqual([{ action: 'refused', change: 'assignee', reason: 'assignment_changed', detail: '阿杰' }]);
    expect(refusalsOf(b.dir)).toEqual([]);
  });

  it('done offline by A before a new customer question → it stays open and in Needs reply on both', async () => {
    const offlineA = await offline(a);
    expect(await offlineA.handle('workflow:setStatus', { conversationId: CONVERSATION, status: 'done' })).toEqual({ ok: true });
    await customerAsks('另外想問，可以改寄到公司嗎？');
    await waitFor(() => cursorOf(b.dir) > 0 && pendingOf(b.dir) === 0, { what: 'B to stay in step' });

    await online(a);
    await settled(a, b);
    expect((await h.relay.store.getConversationWorkflow(CONVERSATION)).status).toBe('open');
    expect(teamState(a.dir)).toEqual(teamState(b.dir));
    expect(refusalsOf(a.dir)).toEqual([{ action: 'refused', change: 'status', reason: 'customer_wrote', detail: 'open' }]);
    for (const agent of [a, b]) {
      const waiting = await agent.core!.handle('inbox:list', { view: 'needs_reply', limit: 10 });
      expect(waiting.conversations.map((conversation) => conversation.id)).toEqual([CONVERSATION]);
    }
  });
});
