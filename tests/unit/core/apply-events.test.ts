import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEventsFrame, type ApplyContext } from '../../../src/main/core/sync/apply-events';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { getConversation } from '../../../src/main/core/store/conversations';
import { getCursor, setOpenConversationId } from '../../../src/main/core/store/meta';
import { findMessageByMutationId, listMessagesPage } from '../../../src/main/core/store/messages';
import { countPendingOutbox } from '../../../src/main/core/store/outbox';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { silentLog, type CoreLog } from '../../../src/main/core/log';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';
import { conversationUpserted, messageReceived } from './support/fake-relay';

let db: Database.Database;
let warnings: string[];
let context: ApplyContext;

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  warnings = [];
  const log: CoreLog = { ...silentLog, warn: (message) => warnings.push(message) };
  context = { now: () => 1_700_000_000_000, log };
});

function withSeq(events: NewRelayEvent[], firstSeq = 1): RelayEvent[] {
  return events.map((event, index) => ({ ...event, seq: firstSeq + index }) as RelayEvent);
}

function frame(events: unknown[], extra: Record<string, unknown> = {}) {
  const last = events[events.length - 1] as { seq: number } | undefined;
  return { events, cursor: last?.seq ?? 0, ...extra };
}

function messages(conversationId: string) {
  return listMessagesPage(db, { conversationId, limit: 100, before: null }).rows;
}

const chen = 'U0000000000000000000000000000c4e1';

describe('applying events frames', () => {
  it('applies a page and its cursor; applying the same page again changes nothing', () => {
    const page = frame(
      withSeq([
        conversationUpserted(chen, '陳小姐', 1000),
        messageReceived(chen, 'm1', '請問這件洋裝還有M號嗎？', 1100),
        messageReceived(chen, 'm2', '運費怎麼算？', 1200),
      ]),
    );
    const first = applyEventsFrame(db, page, context);
    expect(first).toMatchObject({ kind: 'applied', cursor: 3, applied: 3 });
    expect(first.kind === 'applied' && first.scopes).toEqual(expect.arrayContaining(['inbox', `conversation:line:${chen}`]));
    expect(getConversation(db, `line:${chen}`)).toMatchObject({
      display_name: '陳小姐',
      unread_count: 2,
      last_message_preview: '運費怎麼算？',
      last_message_at: 1200,
      last_message_direction: 'in',
    });

    const again = applyEventsFrame(db, page, context);
    expect(again).toMatchObject({ kind: 'applied', cursor: 3, applied: 0 });
    expect(messages(`line:${chen}`)).toHaveLength(2);
    expect(getConversation(db, `line:${chen}`)?.unread_count).toBe(2);
  });

  it('applies only the events after the cursor from an overlapping page', () => {
    const events = withSeq([conversationUpserted(chen, '陳小姐'), messageReceived(chen, 'm1', '在嗎'), messageReceived(chen, 'm2', '想退貨')]);
    applyEventsFrame(db, frame(events.slice(0, 2)), context);
    expect(applyEventsFrame(db, frame(events), context)).toMatchObject({ kind: 'applied', cursor: 3, applied: 1 });
    expect(messages(`line:${chen}`).map((m) => m.text)).toEqual(['在嗎', '想退貨']);
  });

  it('reports a gap (first new seq > cursor + 1) and applies nothing past it', () => {
    applyEventsFrame(db, frame(withSeq([conversationUpserted(chen, '陳小姐')])), context);
    const outcome = applyEventsFrame(db, frame(withSeq([messageReceived(chen, 'm5', '晚到的訊息')], 5)), context);
    expect(outcome).toEqual({ kind: 'gap', cursor: 1 });
    expect(getCursor(db)).toBe(1);
    expect(messages(`line:${chen}`)).toHaveLength(0);
  });

  it('a failing event mid-page rolls back the whole page and leaves the cursor unchanged', () => {
    applyEventsFrame(db, frame(withSeq([conversationUpserted(chen, '陳小姐')])), context);
    // Make the store refuse one specific message, as a full disk or a bug would.
    db.exec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON messages WHEN NEW.text = 'boom'
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const page = frame(withSeq([messageReceived(chen, 'm1', '第一則'), messageReceived(chen, 'm2', 'boom'), messageReceived(chen, 'm3', '第三則')], 2));
    const outcome = applyEventsFrame(db, page, context);
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.error).toMatch(/disk trouble/);
    expect(getCursor(db)).toBe(1);
    expect(messages(`line:${chen}`)).toHaveLength(0);
    expect(getConversation(db, `line:${chen}`)?.unread_count).toBe(0);

    db.exec('DROP TRIGGER refuse_boom');
    expect(applyEventsFrame(db, page, context)).toMatchObject({ kind: 'applied', cursor: 4, applied: 3 });
    expect(messages(`line:${chen}`)).toHaveLength(3);
  });

  it('skips unknown event types from a newer relay but moves the cursor past them', () => {
    const events = [
      ...withSeq([conversationUpserted(chen, '陳小姐')]),
      { seq: 2, type: 'cart.updated', occurredAt: 5, conversationId: `line:${chen}`, payload: { items: 3 } },
      ...withSeq([messageReceived(chen, 'm1', '好的謝謝')], 3),
    ];
    expect(applyEventsFrame(db, frame(events), context)).toMatchObject({ kind: 'applied', cursor: 3, applied: 3 });
    expect(messages(`line:${chen}`)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/cart\.updated/);
  });

  it('rejects a malformed event of a known type without applying anything', () => {
    const events = [{ seq: 1, type: 'message.received', occurredAt: 5, conversationId: 'line:x', payload: { text: 42 } }];
    const outcome = applyEventsFrame(db, frame(events), context);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.error).toMatch(/seq 1 \(message\.received\)/);
    expect(getCursor(db)).toBe(0);
    expect(applyEventsFrame(db, { nope: true }, context).kind).toBe('invalid');
  });

  it('does not count messages of the open conversation as unread', () => {
    applyEventsFrame(db, frame(withSeq([conversationUpserted(chen, '陳小姐')])), context);
    setOpenConversationId(db, `line:${chen}`);
    applyEventsFrame(db, frame(withSeq([messageReceived(chen, 'm1', '我想退貨')], 2)), context);
    expect(getConversation(db, `line:${chen}`)?.unread_count).toBe(0);
  });

  it('matches message.sent to the optimistic reply by mutation id and settles its outbox row', () => {
    applyEventsFrame(db, frame(withSeq([conversationUpserted(chen, '陳小姐')])), context);
    const queued = enqueueReply(db, { conversationId: `line:${chen}`, text: '有的，M號還有貨' }, () => 2000);
    if (!queued.ok) throw new Error(queued.message);
    expect(countPendingOutbox(db)).toBe(1);
    const sent = withSeq(
      [
        {
          type: 'message.sent',
          conversationId: `line:${chen}`,
          occurredAt: 2100,
          payload: { messageId: 'srv-1', mutationId: queued.messageId, text: '有的，M號還有貨', agentName: 'Amy', delivery: 'sending', reason: null },
        },
        {
          type: 'delivery.updated',
          conversationId: `line:${chen}`,
          occurredAt: 2200,
          payload: { messageId: 'srv-1', mutationId: queued.messageId, delivery: 'sent_free', reason: null },
        },
        { type: 'conversation.replyWindow', conversationId: `line:${chen}`, occurredAt: 2100, payload: { tokenReceivedAt: null } },
      ],
      2,
    );
    applyEventsFrame(db, frame(sent), context);
    expect(messages(`line:${chen}`)).toHaveLength(1);
    expect(findMessageByMutationId(db, queued.messageId)).toMatchObject({ id: queued.messageId, server_id: 'srv-1', delivery: 'sent_free' });
    expect(countPendingOutbox(db)).toBe(0);
  });

  it('inserts replies sent by another agent and records reply windows', () => {
    const events = withSeq([
      conversationUpserted(chen, '陳小姐', 1000),
      messageReceived(chen, 'm1', '7-11 取貨要幾天', 1100, 1100),
      {
        type: 'message.sent',
        conversationId: `line:${chen}`,
        occurredAt: 1200,
        payload: { messageId: 'srv-9', mutationId: 'other-agent-mutation', text: '大約 2-3 天喔', agentName: '林志明', delivery: 'held', reason: 'no token' },
      },
      { type: 'channel.event', occurredAt: 1300, payload: { channel: 'line', eventType: 'follow', summary: 'followed' } },
    ]);
    applyEventsFrame(db, frame(events), context);
    expect(getConversation(db, `line:${chen}`)).toMatchObject({
      reply_window_opened_at: 1100,
      last_message_direction: 'out',
      last_message_preview: '大約 2-3 天喔',
      unread_count: 1,
    });
    expect(messages(`line:${chen}`).map((m) => [m.direction, m.author, m.delivery])).toEqual([
      ['in', null, null],
      ['out', '林志明', 'held'],
    ]);
    expect(getCursor(db)).toBe(4);
  });
  it('shows a platform event of a conversation as a thread line that is neither unread nor the last message', () => {
    const conversationId = `messenger:1029:${chen}`;
    const events = withSeq([
      { type: 'conversation.upserted', conversationId, occurredAt: 900, payload: { channel: 'messenger', friendId: chen, displayName: '林小美', pictureUrl: null } },
      {
        type: 'message.received',
        conversationId,
        occurredAt: 1000,
        payload: { messageId: 'mid.1', friendId: chen, kind: 'text', text: '請問有貨嗎', replyTokenReceivedAt: null },
      },
      { type: 'channel.event', conversationId, occurredAt: 1100, payload: { channel: 'messenger', eventType: 'reaction', summary: '對訊息按了 ❤️' } },
      { type: 'channel.event', conversationId: 'messenger:1029:nobody', occurredAt: 1200, payload: { channel: 'messenger', eventType: 'read', summary: 'read' } },
    ] as NewRelayEvent[]);
    applyEventsFrame(db, frame(events), context);
    expect(getConversation(db, conversationId)).toMatchObject({ last_message_preview: '請問有貨嗎', unread_count: 1 });
    expect(messages(conversationId).map((m) => [m.kind, m.text, m.author])).toEqual([
      ['text', '請問有貨嗎', null],
      ['event', '對訊息按了 ❤️', 'reaction'],
    ]);
    // A redelivered page (same seq) adds nothing; an event of a conversation this device does not know is skipped.
    applyEventsFrame(db, frame(events.slice(2, 3)), context);
    expect(messages(conversationId)).toHaveLength(2);
    expect(getConversation(db, 'messenger:1029:nobody')).toBeNull();
  });
});
