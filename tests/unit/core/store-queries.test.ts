import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { bumpLastMessage, listInboxPage, upsertConversation } from '../../../src/main/core/store/conversations';
import { insertMessageIfNew, isDeliveryProgress, listMessagesPage } from '../../../src/main/core/store/messages';
import { insertOutboxItem, listOutboxHeads } from '../../../src/main/core/store/outbox';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
});

function addConversation(id: string, at: number): void {
  upsertConversation(db, { id, channel: 'line', friendId: id, displayName: `好友 ${id}`, pictureUrl: null }, at);
}

function addMessage(conversationId: string, id: string, createdAt: number): void {
  insertMessageIfNew(db, {
    id,
    serverId: id,
    conversationId,
    direction: 'in',
    kind: 'text',
    text: `請問 ${id}`,
    createdAt,
    author: null,
    delivery: null,
    deliveryReason: null,
    mutationId: null,
  });
}

describe('inbox keyset paging', () => {
  it('walks every conversation exactly once, newest first, with ties broken by id', () => {
    // 25 conversations on only 5 distinct timestamps: ties must not lose or repeat rows between pages.
    for (let i = 0; i < 25; i++) addConversation(`c${String(i).padStart(2, '0')}`, 1000 + (i % 5));
    const seen: string[] = [];
    let before: { lastMessageAt: number; id: string } | null = null;
    for (;;) {
      const page = listInboxPage(db, { limit: 7, before });
      expect(page.total).toBe(25);
      if (page.rows.length === 0) break;
      seen.push(...page.rows.map((row) => row.id));
      const last = page.rows[page.rows.length - 1]!;
      before = { lastMessageAt: last.last_message_at, id: last.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const expected = [...seen].sort((a, b) => {
      const ta = 1000 + (Number(a.slice(1)) % 5);
      const tb = 1000 + (Number(b.slice(1)) % 5);
      return tb - ta || (a < b ? 1 : -1);
    });
    expect(seen).toEqual(expected);
  });

  it('orders by latest message and never moves the preview back to an older message', () => {
    addConversation('a', 100);
    addConversation('b', 200);
    bumpLastMessage(db, 'a', { at: 300, preview: '運費怎麼算？', direction: 'in' }, 1);
    bumpLastMessage(db, 'a', { at: 250, preview: '較舊的訊息', direction: 'in' }, 1);
    const page = listInboxPage(db, { limit: 10, before: null });
    expect(page.rows.map((row) => row.id)).toEqual(['a', 'b']);
    expect(page.rows[0]).toMatchObject({ last_message_at: 300, last_message_preview: '運費怎麼算？', unread_count: 2 });
  });
});

describe('message paging', () => {
  it('returns the newest page in ascending order and pages towards older messages', () => {
    addConversation('c', 0);
    for (let i = 1; i <= 12; i++) addMessage('c', `m${String(i).padStart(2, '0')}`, i <= 6 ? 100 : 100 + i);
    addMessage('other', 'x1', 5000);
    const first = listMessagesPage(db, { conversationId: 'c', limit: 5, before: null });
    expect(first.rows.map((row) => row.id)).toEqual(['m08', 'm09', 'm10', 'm11', 'm12']);
    expect(first.hasMore).toBe(true);
    const oldest = first.rows[0]!;
    const second = listMessagesPage(db, { conversationId: 'c', limit: 5, before: { createdAt: oldest.created_at, id: oldest.id } });
    expect(second.rows.map((row) => row.id)).toEqual(['m03', 'm04', 'm05', 'm06', 'm07']);
    const third = listMessagesPage(db, {
      conversationId: 'c',
      limit: 5,
      before: { createdAt: second.rows[0]!.created_at, id: second.rows[0]!.id },
    });
    expect(third.rows.map((row) => row.id)).toEqual(['m01', 'm02']);
    expect(third.hasMore).toBe(false);
  });

  it('inserting the same server message twice keeps one row', () => {
    addMessage('c', 'dup', 1);
    addMessage('c', 'dup', 1);
    expect(listMessagesPage(db, { conversationId: 'c', limit: 10, before: null }).rows).toHaveLength(1);
  });
});

describe('delivery and outbox order rules', () => {
  it('delivery never goes back from an outcome to in-flight', () => {
    expect(isDeliveryProgress('queued', 'sending')).toBe(true);
    expect(isDeliveryProgress('sending', 'sent_free')).toBe(true);
    expect(isDeliveryProgress('held', 'sent_free')).toBe(true);
    expect(isDeliveryProgress('sent_free', 'sending')).toBe(false);
    expect(isDeliveryProgress('failed', 'queued')).toBe(false);
  });

  it('a reply that went out or was cancelled is never held again (a repeated mutation answers with its first outcome)', () => {
    expect(isDeliveryProgress('sending', 'held')).toBe(true);
    expect(isDeliveryProgress('held', 'held')).toBe(true);
    expect(isDeliveryProgress('sent_free', 'held')).toBe(false);
    expect(isDeliveryProgress('sent_push', 'held')).toBe(false);
    expect(isDeliveryProgress('cancelled', 'held')).toBe(false);
  });

  it('only the oldest waiting item of each conversation is eligible', () => {
    insertOutboxItem(db, { id: 'a1', type: 'reply.send', payload: {}, conversationId: 'a', createdAt: 1 });
    insertOutboxItem(db, { id: 'b1', type: 'reply.send', payload: {}, conversationId: 'b', createdAt: 2 });
    insertOutboxItem(db, { id: 'a2', type: 'reply.send', payload: {}, conversationId: 'a', createdAt: 3 });
    insertOutboxItem(db, { id: 'a3', type: 'reply.send', payload: {}, conversationId: 'a', createdAt: 3 });
    expect(listOutboxHeads(db).map((row) => row.id)).toEqual(['a1', 'b1']);
    db.prepare(`DELETE FROM outbox WHERE id = 'a1'`).run();
    expect(listOutboxHeads(db).map((row) => row.id)).toEqual(['b1', 'a2']);
  });
});
