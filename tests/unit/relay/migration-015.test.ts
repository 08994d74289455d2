import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration015ConversationMembers } from '../../../src/relay/store/migrations/015_conversation_members';
import { useTempRelayDb } from './temp-relay-db';

describe('relay migration 015 (members of groups and rooms)', () => {
  const temp = useTempRelayDb();

  it('migrates a store with group conversations: every member who wrote, tapped or joined becomes a member row', () => {
    const db = temp.db();
    const version = migration015ConversationMembers.version;
    migrate(db, version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, account_id, friend_id, display_name, created_at, updated_at) VALUES ('line:C1', 'line', '', 'C1', '團購群', 1, 1), ('line:U9', 'line', '', 'U9', '陳小姐', 1, 1)`).run();
    const event = db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES (?, ?, ?, ?)`);
    event.run('message.received', 'line:C1', 10, JSON.stringify({ messageId: 'm1', text: '+1', kind: 'text', senderId: 'U-mei' }));
    event.run('message.received', 'line:C1', 30, JSON.stringify({ messageId: 'm2', text: '+2', kind: 'text', senderId: 'U-mei' }));
    event.run('channel.event', 'line:C1', 20, JSON.stringify({ channel: 'line', eventType: 'postback', summary: 'tap', details: { senderId: 'U-jun' } }));
    event.run('channel.event', 'line:C1', 25, JSON.stringify({ channel: 'line', eventType: 'memberJoined', summary: 'joined', details: { memberIds: ['U-ann', 'U-mei'] } }));
    event.run('message.received', 'line:U9', 40, JSON.stringify({ messageId: 'm3', text: '你好', kind: 'text' }));
    event.run('message.received', 'line:GONE', 40, JSON.stringify({ messageId: 'm4', text: '?', kind: 'text', senderId: 'U-x' }));

    expect(migrate(db, version)).toBe(version);
    expect(schemaVersion(db)).toBe(version);
    expect(db.prepare('SELECT conversation_id, member_id, first_seen_at, last_seen_at FROM conversation_members ORDER BY member_id').all()).toEqual([
      { conversation_id: 'line:C1', member_id: 'U-ann', first_seen_at: 25, last_seen_at: 25 },
      { conversation_id: 'line:C1', member_id: 'U-jun', first_seen_at: 20, last_seen_at: 20 },
      { conversation_id: 'line:C1', member_id: 'U-mei', first_seen_at: 10, last_seen_at: 30 },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 6 });
    expect(() => db.prepare(`INSERT INTO conversation_members VALUES ('line:C1', 'U-ann', 1, 1)`).run()).toThrow(/UNIQUE|PRIMARY/);
  });
});
