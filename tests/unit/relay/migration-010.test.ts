import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration009ReplyTokenEventTime } from '../../../src/relay/store/migrations/009_reply_token_event_time';
import { migration010Channels } from '../../../src/relay/store/migrations/010_channels';
import { useTempRelayDb } from './temp-relay-db';

describe('relay migration 010 (every channel in one store)', () => {
  const temp = useTempRelayDb();

  it('keeps LINE conversations, dedupe keys (prefixed line:) and profiles; adds windows and platform ids', () => {
    const db = temp.db();
    migrate(db, migration009ReplyTokenEventTime.version);
    db.prepare(`INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', '王小明', 1, 1)`).run();
    db.prepare(`INSERT INTO line_webhook_events (webhook_event_id, event_type, received_at) VALUES ('01HWEBHOOK', 'message', 5)`).run();
    db.prepare(
      `INSERT INTO line_profiles (user_id, display_name, picture_url, status_message, language, fetched_at) VALUES ('U1', '王小明', 'https://p/1', '嗨', 'zh-TW', 7)`,
    ).run();
    db.prepare(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, reply_token, created_at, updated_at)
       VALUES ('m1', 'mut1', 'line:U1', '好的', 'Amy', 'sent_free', NULL, 'tok', 8, 8)`,
    ).run();

    expect(migrate(db, migration010Channels.version)).toBe(10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT id, channel, account_id FROM conversations').all()).toEqual([{ id: 'line:U1', channel: 'line', account_id: '' }]);
    expect(db.prepare('SELECT * FROM inbound_seen').all()).toEqual([
      { dedupe_key: 'line:01HWEBHOOK', channel: 'line', event_type: 'message', received_at: 5 },
    ]);
    expect(db.prepare('SELECT * FROM profiles').all()).toEqual([
      { channel: 'line', profile_key: 'U1', display_name: '王小明', picture_url: 'https://p/1', status_message: '嗨', language: 'zh-TW', fetched_at: 7, failed: 0 },
    ]);
    expect(db.prepare('SELECT message_id, platform_message_id FROM outbound_messages').all()).toEqual([{ message_id: 'm1', platform_message_id: null }]);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name);
    expect(tables).toContain('delivery_windows');
    expect(tables).not.toContain('line_webhook_events');
    expect(tables).not.toContain('line_profiles');
  });
});
