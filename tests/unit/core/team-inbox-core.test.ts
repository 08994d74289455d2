import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame, type ApplyContext } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getConversation } from '../../../src/main/core/store/conversations';
import { listMessagesPage } from '../../../src/main/core/store/messages';
import { listOutbox } from '../../../src/main/core/store/outbox';
import { setStoredAgent } from '../../../src/main/core/store/meta';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { silentLog } from '../../../src/main/core/log';
import { enqueueAssign, enqueueNote, enqueueStatus } from '../../../src/main/core/workflow/enqueue-workflow';
import { settleWorkflowAck } from '../../../src/main/core/workflow/workflow-outbox';
import { customerPanel } from '../../../src/main/core/workflow/customer-panel';
import { heldOverdue, listViewPage, nextWaiting, viewCounts, workflowViewOf, type WorkflowRow } from '../../../src/main/core/workflow/workflow-queries';
import { replaceTeamMembers } from '../../../src/main/core/workflow/workflow-store';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';
import { conversationUpserted, messageReceived } from './support/fake-relay';

const NOW = 1_700_000_000_000;
const AMY = 'U00000000000000000000000000000amy';
const BEN = 'U00000000000000000000000000000ben';
const conv = (user: string) => `line:${user}`;

let db: Database.Database;
let seq = 0;
const context: ApplyContext = { now: () => NOW, log: silentLog };

function apply(...events: NewRelayEvent[]): void {
  const withSeq = events.map((event) => ({ ...event, seq: ++seq }) as RelayEvent);
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: seq }, context);
  expect(outcome.kind).toBe('applied');
}

const sent = (user: string, messageId: string, text: string, at: number, delivery: 'sent_free' | 'held', agentName = '阿杰'): NewRelayEvent => ({
  type: 'message.sent',
  conversationId: conv(user),
  occurredAt: at,
  payload: { messageId, mutationId: `m-${messageId}`, text, agentName, delivery, reason: delivery === 'held' ? 'no_fresh_token' : null },
});
const view = (name: 'needs_reply' | 'mine' | 'unassigned' | 'all' | 'done') =>
  listViewPage(db, { view: name, limit: 50, before: null, waitingAfter: null }, NOW).rows.map((row) => row.id);
const waitingSince = (user: string) => (getConversation(db, conv(user)) as unknown as WorkflowRow).waiting_since;

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  setStoredAgent(db, { name: '小美', role: 'agent', demo: false });
  replaceTeamMembers(db, [
    { name: '小美', role: 'agent', online: true },
    { name: '阿杰', role: 'agent', online: false },
  ]);
  apply(conversationUpserted(AMY, '陳怡君', NOW - 60 * 60_000), conversationUpserted(BEN, '林志明', NOW - 60 * 60_000));
});

describe('the team inbox in the local store', () => {
  it('Needs reply: a question waits until a reply goes out; thanks and stickers do not bring it back; a held reply has not answered', () => {
    apply(messageReceived(AMY, 'a1', '請問碎花洋裝還有 M 號嗎？', NOW - 30 * 60_000), messageReceived(BEN, 'b1', '我要退貨', NOW - 10 * 60_000));
    expect(view('needs_reply')).toEqual([conv(AMY), conv(BEN)]);
    expect(waitingSince(AMY)).toBe(NOW - 30 * 60_000);

    apply(sent(AMY, 'r1', '有的！', NOW - 20 * 60_000, 'sent_free'), messageReceived(AMY, 'a2', '謝謝 👌', NOW - 19 * 60_000));
    apply({ type: 'message.received', conversationId: conv(AMY), occurredAt: NOW - 18 * 60_000, payload: { messageId: 'a3', friendId: AMY, kind: 'sticker', text: '[貼圖]', replyTokenReceivedAt: null } });
    expect(view('needs_reply')).toEqual([conv(BEN)]);

    apply(messageReceived(AMY, 'a4', '那什麼時候出貨？', NOW - 5 * 60_000));
    expect(view('needs_reply')).toEqual([conv(BEN), conv(AMY)]);
    expect(waitingSince(AMY)).toBe(NOW - 5 * 60_000);

    // Held: still waiting, and the held reply's age shows; released: answered.
    apply(sent(BEN, 'r2', '好的，幫您處理退貨', NOW - 4 * 60_000, 'held'));
    expect(view('needs_reply')).toContain(conv(BEN));
    const ben = getConversation(db, conv(BEN)) as unknown as WorkflowRow;
    expect(workflowViewOf(ben, 0, NOW)).toMatchObject({ heldSince: NOW - 4 * 60_000, waitingSince: NOW - 10 * 60_000 });
    apply({ type: 'delivery.updated', conversationId: conv(BEN), occurredAt: NOW - 60_000, payload: { messageId: 'r2', mutationId: 'm-r2', delivery: 'sent_free', reason: null } });
    expect(view('needs_reply')).toEqual([conv(AMY)]);
    expect(nextWaiting(db, null, NOW)).toBe(conv(AMY));
    expect(nextWaiting(db, conv(AMY), NOW)).toBeNull();
  });

  it('a customer who blocked the account leaves Needs reply until they add it again', () => {
    const lineEvent = (eventType: 'follow' | 'unfollow', at: number): NewRelayEvent => ({
      type: 'channel.event',
      conversationId: conv(AMY),
      occurredAt: at,
      payload: { channel: 'line', eventType, summary: eventType === 'follow' ? '加入好友' : '封鎖了官方帳號' },
    });
    apply(messageReceived(AMY, 'a1', '請問什麼時候出貨？', NOW - 30 * 60_000), messageReceived(BEN, 'b1', '可以改地址嗎？', NOW - 10 * 60_000));
    apply(lineEvent('unfollow', NOW - 20 * 60_000));
    expect(view('needs_reply')).toEqual([conv(BEN)]);
    expect(viewCounts(db, undefined, NOW).needs_reply).toBe(1);
    expect(nextWaiting(db, null, NOW)).toBe(conv(BEN));
    expect(view('all')).toContain(conv(AMY));

    apply(lineEvent('follow', NOW - 5 * 60_000));
    expect(view('needs_reply')).toEqual([conv(AMY), conv(BEN)]);
  });

  it('an answer written here counts at once (offline too); a reply queued later than a question does not answer it', () => {
    apply(messageReceived(AMY, 'a1', '可以幫我改地址嗎', NOW - 3 * 60_000));
    enqueueReply(db, { conversationId: conv(AMY), text: '可以的' }, () => NOW);
    expect(view('needs_reply')).toEqual([]);
  });

  it('status and assignment: queued changes show at once, the relay event settles them, a superseded one leaves a line', () => {
    apply(messageReceived(AMY, 'a1', '請問有現貨嗎？', NOW - 60_000));
    expect(enqueueAssign(db, { conversationId: conv(AMY), assignee: '小美' }, NOW)).toEqual({ ok: true });
    expect(view('mine')).toEqual([conv(AMY)]);
    expect(view('unassigned')).toEqual([conv(BEN)]);
    const [assignRow] = listOutbox(db).filter((row) => row.type === 'conversation.assign');
    expect(JSON.parse(assignRow!.payload)).toMatchObject({ assignee: '小美', seenSeq: seq });

    // The relay applied another agent's assignment first; ours comes back superseded.
    apply({
      type: 'conversation.assigned',
      conversationId: conv(AMY),
      occurredAt: NOW,
      payload: { assignee: '阿杰', previous: null, cause: 'agent', agentName: '阿杰', mutationId: 'other', clientTime: NOW },
    });
    expect(view('mine')).toEqual([conv(AMY)]);
    settleWorkflowAck(db, assignRow!, { ok: true, changed: false, assignee: '阿杰', superseded: 'assignment_changed' }, NOW);
    expect(view('mine')).toEqual([]);
    const lines = listMessagesPage(db, { conversationId: conv(AMY), limit: 20, before: null }).rows.filter((row) => row.kind === 'activity');
    expect(lines.map((line) => JSON.parse(line.text))).toEqual([
      { action: 'assigned', assignee: '阿杰', cause: 'agent' },
      { action: 'refused', change: 'assignee', reason: 'assignment_changed', detail: '阿杰' },
    ]);

    enqueueStatus(db, { conversationId: conv(AMY), status: 'done', snoozedUntil: null }, NOW);
    expect(view('needs_reply')).toEqual([]);
    expect(view('done')).toEqual([conv(AMY)]);
    expect(viewCounts(db, undefined, NOW)).toEqual({ needs_reply: 0, mine: 0, unassigned: 1, all: 2, done: 1 });
    expect(enqueueStatus(db, { conversationId: conv(AMY), status: 'snoozed', snoozedUntil: NOW - 1 }, NOW)).toMatchObject({ ok: false, code: 'INVALID_SNOOZE' });
  });

  it('notes: in the thread at once, never a reply, mentions counted for the mentioned agent only', () => {
    apply(messageReceived(AMY, 'a1', '請問有現貨嗎？', NOW - 60_000));
    const queued = enqueueNote(db, { conversationId: conv(AMY), text: '@阿杰 她是老客人' }, NOW);
    expect(queued.ok).toBe(true);
    const [noteRow] = listOutbox(db).filter((row) => row.type === 'note.add');
    expect(JSON.parse(noteRow!.payload)).toMatchObject({ text: '@阿杰 她是老客人', mentions: ['阿杰'] });
    // A note does not answer the customer.
    expect(view('needs_reply')).toEqual([conv(AMY)]);
    apply({
      type: 'note.added',
      conversationId: conv(BEN),
      occurredAt: NOW,
      payload: { noteId: 'note-ben-1', text: '@小美 請幫忙看這位', mentions: ['小美'], agentName: '阿杰', clientTime: NOW },
    });
    expect((getConversation(db, conv(BEN)) as unknown as WorkflowRow).unseen_mentions).toBe(1);
    expect(getConversation(db, conv(BEN))!.last_message_preview).toBe('');
  });

  it('held replies past the alert are counted for their author (everyone’s for a lead); the customer panel reads the store', () => {
    apply(messageReceived(AMY, 'a1', '請問有現貨嗎？', NOW - 60 * 60_000), sent(AMY, 'r1', '有喔', NOW - 45 * 60_000, 'held', '小美'));
    apply(sent(BEN, 'r2', '好的', NOW - 40 * 60_000, 'held', '阿杰'));
    expect(heldOverdue(db, NOW)).toEqual({ count: 1, alertMinutes: 30, oldestConversationId: conv(AMY) });
    setStoredAgent(db, { name: '店長', role: 'lead', demo: false });
    expect(heldOverdue(db, NOW).count).toBe(2);
    expect(customerPanel(db, conv(AMY))).toMatchObject({ friendId: AMY, firstContactAt: NOW - 60 * 60_000, lastContactAt: NOW - 45 * 60_000, otherConversations: [] });
  });
});
