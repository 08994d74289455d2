import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutationSchema, type RelayEvent } from '../../../src/shared/protocol';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { textMessageEvent, stickerMessageEvent } from '../../../src/demo/fake-line';
import type { WorkflowMutation } from '../../../src/relay/store/relay-store';
import { openTempStore, type TempStore } from './store-fixture';
import { openTestRelayStore } from '../../support/relay-backend';
import { recordInbound } from '../../support/inbound';

const AMY = 'U0000000000000000000000000000amy';
const CONVERSATION = `line:${AMY}`;

describe('team inbox in the relay store: status, assignment, notes and the merge rule', () => {
  let fixture: TempStore;
  let next = 0;
  let clock = 10_000;
  const apply = async (agent: { name: string; role: 'agent' | 'lead' }, type: WorkflowMutation['type'], payload: Record<string, unknown>, id = `mutation-${++next}`) =>
    await fixture.store.applyWorkflowMutation({
      mutation: mutationSchema.parse({ id, type, payload }) as WorkflowMutation,
      agent,
      now: (clock += 1000),
    });
  const A = { name: '小美', role: 'agent' as const };
  const B = { name: '阿杰', role: 'agent' as const };
  const LEAD = { name: '店長', role: 'lead' as const };
  const customerSays = (text: string, timestamp: number) => recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId: AMY, text, timestamp })]), (clock += 1000));
  const head = () => fixture.store.headSeq();
  const events = async (type: string): Promise<RelayEvent[]> => (await fixture.store.readEvents(0, 1000)).filter((event) => event.type === type);

  beforeEach(async () => {
    fixture = await openTempStore();
    for (const member of [A, B, LEAD]) {
      await fixture.store.insertAgentToken({ tokenHash: `hash-${member.name}`, name: member.name, role: member.role, createdAt: 1, revokedAt: null });
    }
    await customerSays('請問碎花洋裝還有 M 號嗎？', 5_000);
  });
  afterEach(() => fixture.dispose());

  it('a conversation starts open and unassigned; assign and done are events with their authors', async () => {
    expect(await fixture.store.getConversationWorkflow(CONVERSATION)).toEqual({ conversationId: CONVERSATION, status: 'open', snoozedUntil: null, assignee: null });
    expect(await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '小美', seenSeq: await head() }, 'assign-1')).toEqual({ ok: true, changed: true, assignee: '小美' });
    // The same id again: the stored answer, no second event.
    expect(await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '小美', seenSeq: 0 }, 'assign-1')).toEqual({ ok: true, changed: true, assignee: '小美' });
    expect(await events('conversation.assigned')).toHaveLength(1);
    expect(await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: await head() })).toEqual({ ok: true, changed: true, status: 'done', snoozedUntil: null });
    const [done] = await events('conversation.statusChanged');
    expect(done).toMatchObject({ conversationId: CONVERSATION, payload: { status: 'done', previous: 'open', cause: 'agent', agentName: '小美' } });
  });

  it('every customer message reopens a done conversation: a question, and also a thank-you or a sticker', async () => {
    const reopenedBy = async (say: () => Promise<unknown>) => {
      await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: await head() });
      expect((await fixture.store.getConversationWorkflow(CONVERSATION)).status).toBe('done');
      await say();
      expect((await fixture.store.getConversationWorkflow(CONVERSATION)).status).toBe('open');
      expect((await events('conversation.statusChanged')).at(-1)).toMatchObject({ payload: { status: 'open', previous: 'done', cause: 'customer_message', agentName: null } });
    };
    await reopenedBy(() => customerSays('謝謝！', 6_000));
    await reopenedBy(() => recordInbound(fixture.store, mapLineEvents([stickerMessageEvent({ userId: AMY, timestamp: 6_500 })]), (clock += 1000)));
    await reopenedBy(() => customerSays('另外想問運費多少？', 7_000));
  });

  it('merge rule: an offline "done" written before the customer\'s thank-you arrived still applies; before a new question it does not', async () => {
    const seenByA = await head();
    await customerSays('謝謝！', 6_000);
    expect(await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: seenByA })).toMatchObject({ changed: true, status: 'done' });
    const seenAgain = await head();
    await customerSays('另外想問運費多少？', 7_000);
    expect(await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: seenAgain })).toMatchObject({ changed: false, superseded: 'customer_wrote' });
    expect((await fixture.store.getConversationWorkflow(CONVERSATION)).status).toBe('open');
  });

  it('merge rule: done offline by A and reassigned online by B → done AND assigned to B, nothing lost', async () => {
    await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '小美', seenSeq: await head() });
    const seenByA = await head();
    // B takes it while A is offline…
    expect(await apply(B, 'conversation.assign', { conversationId: CONVERSATION, assignee: '阿杰', seenSeq: await head() })).toMatchObject({ changed: true, assignee: '阿杰' });
    // …A's done, made offline before seeing that, arrives later: a different field, so it applies.
    expect(await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: seenByA })).toMatchObject({ changed: true, status: 'done' });
    expect(await fixture.store.getConversationWorkflow(CONVERSATION)).toMatchObject({ status: 'done', assignee: '阿杰' });
  });

  it('merge rule: an offline change never overrides a newer change of the same field its author had not seen', async () => {
    const seenByA = await head();
    await apply(B, 'conversation.assign', { conversationId: CONVERSATION, assignee: '阿杰', seenSeq: await head() });
    // A, offline, took the conversation without seeing B take it: B keeps it, A is told why.
    expect(await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '小美', seenSeq: seenByA })).toEqual({
      ok: true,
      changed: false,
      assignee: '阿杰',
      superseded: 'assignment_changed',
    });
    // A's own earlier changes never block A's later ones.
    const seenByB = await head();
    await apply(B, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'pending', seenSeq: seenByB });
    expect(await apply(B, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: seenByB })).toMatchObject({ changed: true });
    // A customer question after A's view: A's offline "done" does not close over it.
    await apply(LEAD, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'open', seenSeq: await head() });
    const seenBeforeQuestion = await head();
    await customerSays('請問今天會出貨嗎？', 8_000);
    expect(await apply(A, 'conversation.setStatus', { conversationId: CONVERSATION, status: 'done', seenSeq: seenBeforeQuestion })).toMatchObject({
      changed: false,
      status: 'open',
      superseded: 'customer_wrote',
    });
  });

  it('agents assign themselves and let go of their own; giving to others is a lead’s; unknown names are refused', async () => {
    await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '小美' });
    expect(await apply(B, 'conversation.assign', { conversationId: CONVERSATION, assignee: null })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await apply(A, 'conversation.assign', { conversationId: CONVERSATION, assignee: '阿杰' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await apply(LEAD, 'conversation.assign', { conversationId: CONVERSATION, assignee: '阿杰' })).toMatchObject({ ok: true, assignee: '阿杰' });
    expect(await apply(LEAD, 'conversation.assign', { conversationId: CONVERSATION, assignee: '路人' })).toMatchObject({ ok: false, code: 'UNKNOWN_AGENT' });
    expect(await apply(A, 'conversation.assign', { conversationId: 'line:Unobody', assignee: '小美' })).toMatchObject({ ok: false, code: 'UNKNOWN_CONVERSATION' });
  });

  it('notes keep only real mentions; customer notes merge an edit made without seeing the newest text', async () => {
    expect(await apply(A, 'note.add', { conversationId: CONVERSATION, text: '@阿杰 她上次退過貨 @路人', mentions: ['阿杰', '路人'] }, 'note-0001')).toEqual({
      ok: true,
      noteId: 'note-0001',
      mentions: ['阿杰'],
    });
    expect((await events('note.added'))[0]).toMatchObject({ conversationId: CONVERSATION, payload: { noteId: 'note-0001', agentName: '小美', mentions: ['阿杰'] } });
    const seenByA = await head();
    await apply(B, 'customer.setNote', { friendId: AMY, text: '偏好 7-11 取貨', seenSeq: seenByA });
    expect(await apply(A, 'customer.setNote', { friendId: AMY, text: '身高 160，穿 M', seenSeq: seenByA })).toEqual({
      ok: true,
      changed: true,
      merged: true,
      text: '偏好 7-11 取貨\n\n— 小美：身高 160，穿 M',
    });
    // Seen the newest: the whole text replaces it.
    expect(await apply(B, 'customer.setNote', { friendId: AMY, text: '偏好 7-11 取貨，身高 160 穿 M', seenSeq: await head() })).toMatchObject({ merged: false, text: '偏好 7-11 取貨，身高 160 穿 M' });
  });

  it('round-robin gives new conversations to online agents in turn, never to leads, and shares the turn between stores', async () => {
    await fixture.store.saveInboxSettings({ mutationId: null, settings: { heldReplyAlertMinutes: 30, autoAssign: 'round_robin' }, baseVersion: 0, agentName: '店長', now: clock });
    for (const [member, session] of [[A, 's-a'], [B, 's-b'], [LEAD, 's-lead']] as const) {
      await fixture.store.touchAgentSession({ sessionId: session, agentName: member.name, role: member.role, now: clock, ttlMs: 60_000 });
    }
    // A second relay process on the same store (data folder or PostgreSQL schema) takes turns with the first: the turn is in the store.
    const other = await openTestRelayStore(fixture.dataDir);
    const assignees: Array<string | null> = [];
    try {
      for (const [index, user] of ['U1', 'U2', 'U3', 'U4'].entries()) {
        const userId = `U${String(index).padStart(32, '0')}${user}`.slice(0, 33);
        const store = index % 2 === 0 ? fixture.store : other;
        await recordInbound(store, mapLineEvents([textMessageEvent({ userId, text: '你好', timestamp: 9_000 + index })]), clock);
        assignees.push((await fixture.store.getConversationWorkflow(`line:${userId}`)).assignee);
      }
    } finally {
      await other.close();
    }
    expect(assignees).toEqual(['小美', '阿杰', '小美', '阿杰']);
    expect((await fixture.store.readEvents(0, 1000)).filter((event) => event.type === 'conversation.assigned' && event.payload.cause === 'round_robin')).toHaveLength(4);
    await fixture.store.endAgentSession('s-a');
    await fixture.store.endAgentSession('s-b');
    const userId = `U${'9'.repeat(32)}`;
    await recordInbound(fixture.store, mapLineEvents([textMessageEvent({ userId, text: '你好', timestamp: 9_900 })]), clock);
    expect((await fixture.store.getConversationWorkflow(`line:${userId}`)).assignee).toBeNull();
  });
});
