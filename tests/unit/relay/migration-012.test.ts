import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/relay/store/migrate';
import { migration012TeamInbox } from '../../../src/relay/store/migrations/012_team_inbox';
import { useTempRelayDb } from './temp-relay-db';

describe('relay migration 012 (team inbox)', () => {
  const temp = useTempRelayDb();

  it('migrates a store with conversations, tokens and events, keeping them: every conversation open and unassigned', () => {
    const db = temp.db();
    migrate(db, migration012TeamInbox.version - 1);
    db.prepare(`INSERT INTO conversations (id, channel, account_id, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', '', 'U1', 'A', 1, 1)`).run();
    db.prepare(`INSERT INTO agent_tokens (token_hash, name, role, created_at) VALUES ('h1', '小美', 'agent', 1)`).run();
    db.prepare(`INSERT INTO events (type, conversation_id, occurred_at, payload) VALUES ('channel.event', 'line:U1', 5, '{}')`).run();

    expect(migrate(db, migration012TeamInbox.version)).toBe(migration012TeamInbox.version);
    expect(schemaVersion(db)).toBe(migration012TeamInbox.version);
    expect(db.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'line:U1' }]);
    expect(db.prepare('SELECT name FROM agent_tokens').all()).toEqual([{ name: '小美' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversation_workflow').get()).toEqual({ n: 0 });

    db.prepare(`INSERT INTO conversation_workflow (conversation_id, updated_at) VALUES ('line:U1', 2)`).run();
    expect(db.prepare('SELECT status, assignee, snoozed_until FROM conversation_workflow').get()).toEqual({ status: 'open', assignee: null, snoozed_until: null });
    expect(() => db.prepare(`UPDATE conversation_workflow SET status = 'closed'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO conversation_workflow (conversation_id, updated_at) VALUES ('line:Unobody', 2)`).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO workflow_marks (scope, subject, seq) VALUES ('tags', 'x', 1)`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO assignment_rotation (id, last_agent) VALUES (1, '小美')`).run();
    expect(() => db.prepare(`INSERT INTO assignment_rotation (id, last_agent) VALUES (2, '阿杰')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO agent_sessions (session_id, agent_name, role, seen_at, expires_at) VALUES ('s', '小美', 'agent', 1, 2)`).run();
    db.prepare(`INSERT INTO settings_versions (version, settings_json, updated_by, updated_at) VALUES (1, '{}', '店長', 1)`).run();
    db.prepare(`INSERT INTO customer_notes (friend_id, text, updated_by, updated_at) VALUES ('U1', '偏好 7-11', '小美', 1)`).run();
  });
});
