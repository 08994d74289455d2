import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { bumpLastMessage, markConversationRead, upsertConversation } from '../../../src/main/core/store/conversations';
import { insertMessageIfNew } from '../../../src/main/core/store/messages';
import { incomingSince, unreadTotal } from '../../../src/main/core/store/attention';
import { CHANNEL_EVENT_KIND } from '../../../src/shared/ipc/views';

/** attention:* over a real local store: what is new since a position, the unread total, who waits longest. */

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
});

function conversation(id: string, name: string): void {
  upsertConversation(db, { id, channel: 'line', friendId: id, displayName: name, pictureUrl: null }, 1_000);
}

let counter = 0;
function write(conversationId: string, direction: 'in' | 'out', text: string, at: number, kind = 'text'): void {
  counter += 1;
  insertMessageIfNew(db, {
    id: `m${counter}`,
    serverId: `m${counter}`,
    conversationId,
    direction,
    kind,
    text,
    createdAt: at,
    author: null,
    delivery: direction === 'out' ? 'sent_free' : null,
    deliveryReason: null,
    mutationId: null,
  });
  if (kind !== CHANNEL_EVENT_KIND) bumpLastMessage(db, conversationId, { at, preview: text, direction }, direction === 'in' ? 1 : 0);
}

describe('attention:incoming', () => {
  it('starts from the current position (history is never announced), then returns only new unread customer messages', () => {
    conversation('line:a', '王小明');
    conversation('line:b', '林佳蓉');
    write('line:a', 'in', '舊訊息', 2_000);
    const start = incomingSince(db, null);
    expect(start.messages).toEqual([]);

    write('line:a', 'out', '您好', 3_000);
    write('line:b', 'in', '想改地址', 4_000);
    write('line:b', 'in', '[貼圖]', 4_100, CHANNEL_EVENT_KIND);
    write('line:a', 'in', '在嗎', 5_000);
    const next = incomingSince(db, start.cursor);
    expect(next.messages.map((message) => [message.displayName, message.text])).toEqual([
      ['林佳蓉', '想改地址'],
      ['王小明', '在嗎'],
    ]);
    expect(next.cursor).toBeGreaterThan(start.cursor);
    expect(incomingSince(db, next.cursor).messages).toEqual([]);
    expect(unreadTotal(db)).toBe(3);

    // Read elsewhere before this app asked: nothing to announce.
    write('line:b', 'in', '還在嗎', 6_000);
    markConversationRead(db, 'line:b');
    expect(incomingSince(db, next.cursor).messages).toEqual([]);
    expect(unreadTotal(db)).toBe(2);
  });

  it('a position from a store that was reset only returns the new position', () => {
    conversation('line:a', '王小明');
    write('line:a', 'in', '你好', 2_000);
    expect(incomingSince(db, 10_000)).toEqual({ cursor: 1, messages: [] });
  });
});
