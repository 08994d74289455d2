import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRelayConfig } from '../../../src/relay/config';
import { pgMigration001Initial } from '../../../src/relay/store/postgres/migrations/001_initial';
import { pgMigration002BackgroundLeases } from '../../../src/relay/store/postgres/migrations/002_background_leases';
import { pgMigration003TeamInbox } from '../../../src/relay/store/postgres/migrations/003_team_inbox';
import { pgMigration004Media } from '../../../src/relay/store/postgres/migrations/004_media';
import { pgMigration005SuggestionFeedback } from '../../../src/relay/store/postgres/migrations/005_suggestion_feedback';
import { pgMigration006ConversationMembers } from '../../../src/relay/store/postgres/migrations/006_conversation_members';
import { pgMigration007WebchatUploads } from '../../../src/relay/store/postgres/migrations/007_webchat_uploads';
import { mutationSchema, type Mutation } from '../../../src/shared/protocol';
import type { WorkflowMutation } from '../../../src/relay/store/relay-store';
import { clientConfig } from '../../../src/relay/store/postgres/pg-connection';
import { parsePostgresUrl, type PostgresTarget } from '../../../src/relay/store/postgres/pg-url';
import { LATEST_PG_SCHEMA_VERSION, migratePostgres, PG_MIGRATIONS, pgSchemaVersion } from '../../../src/relay/store/postgres/pg-migrate';
import { PostgresRelayStore } from '../../../src/relay/store/postgres/postgres-relay-store';
import { freePort } from '../../support/processes';
import { relayStorageEnv } from '../../support/relay-backend';

/** PostgreSQL migrations: each from the version before it with data in it, and relays starting all at once. */
function freshTarget(): PostgresTarget {
  // On PostgreSQL the folder only names the schema (nothing is written there).
  const config = loadRelayConfig(relayStorageEnv(join(tmpdir(), `relay-pg-migrate-${randomUUID()}`)));
  if (config.database.kind !== 'postgres') throw new Error('these tests need the PostgreSQL project');
  return config.database.target;
}

describe('PostgreSQL schema migrations', () => {
  let target: PostgresTarget;
  let client: pg.Client;
  beforeEach(async () => {
    target = freshTarget();
    client = new pg.Client(clientConfig(target, 'migration-test'));
    await client.connect();
  });
  afterEach(() => client.end());

  it(`version ${pgMigration001Initial.version} creates the whole store in an empty schema`, async () => {
    expect(await migratePostgres(client, target.schema, pgMigration001Initial.version)).toBe(pgMigration001Initial.version);
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [target.schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['events', 'event_log_head', 'outbound_messages', 'webchat_visitors']));
    expect((await client.query('SELECT seq FROM event_log_head')).rows).toEqual([{ seq: 0 }]);
    expect((await client.query('SELECT id, blocked FROM quota_state')).rows).toEqual([{ id: 1, blocked: 0 }]);
  });

  it(`version ${pgMigration002BackgroundLeases.version} adds the lease table and keeps a version-1 store's data`, async () => {
    await migratePostgres(client, target.schema, pgMigration002BackgroundLeases.version - 1);
    await client.query(`INSERT INTO relay_meta (key, value) VALUES ('relay_id', 'relay-before-leases')`);
    await client.query(
      `INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', '陳小姐', 1, 1)`,
    );
    await client.query(
      `INSERT INTO events (seq, type, conversation_id, occurred_at, payload) VALUES (1, 'conversation.upserted', 'line:U1', 1, $1)`,
      [JSON.stringify({ channel: 'line', friendId: 'U1', displayName: '陳小姐', pictureUrl: null })],
    );
    await client.query('UPDATE event_log_head SET seq = 1');
    await client.query(`INSERT INTO agent_tokens (token_hash, name, role, created_at) VALUES ('hash-1', '小美', 'agent', 1)`);

    expect(await migratePostgres(client, target.schema)).toBe(LATEST_PG_SCHEMA_VERSION);
    await client.query(`INSERT INTO relay_leases (name, holder, acquired_at, expires_at) VALUES ('background', 'relay-a', now(), now())`);
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      expect(store.relayId).toBe('relay-before-leases');
      expect(await store.headSeq()).toBe(1);
      expect(await store.readEvents(0, 10)).toMatchObject([{ seq: 1, type: 'conversation.upserted', payload: { displayName: '陳小姐' } }]);
      expect(await store.findAgentToken('hash-1')).toMatchObject({ name: '小美', role: 'agent', revokedAt: null });
      expect(await store.appendEvents([{ type: 'channel.event', occurredAt: 2, payload: { channel: 'line', eventType: 'x', summary: 'y' } }])).toMatchObject([{ seq: 2 }]);
    } finally {
      await store.close();
    }
  });

  /** A version-N store with a conversation, its customer's text message (seq 1) and an agent's token. */
  async function storeWithAConversation(version: number): Promise<void> {
    await migratePostgres(client, target.schema, version);
    await client.query(`INSERT INTO relay_meta (key, value) VALUES ('relay_id', 'relay-before')`);
    await client.query(
      `INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ('line:U1', 'line', 'U1', '陳小姐', 1, 1)`,
    );
    await client.query(`INSERT INTO events (seq, type, conversation_id, occurred_at, payload) VALUES (1, 'message.received', 'line:U1', 1, $1)`, [
      JSON.stringify({ messageId: 'm1', friendId: 'U1', kind: 'text', text: '請問有 M 號嗎？', replyTokenReceivedAt: null }),
    ]);
    await client.query('UPDATE event_log_head SET seq = 1');
    await client.query(`INSERT INTO agent_tokens (token_hash, name, role, created_at) VALUES ('hash-1', '小美', 'agent', 1)`);
    await client.query(
      `INSERT INTO outbound_messages (message_id, mutation_id, conversation_id, text, agent_name, delivery, reason, created_at, updated_at)
       VALUES ('out-1', 'mut-1', 'line:U1', '有的', '小美', 'held', 'no_fresh_token', 2, 2)`,
    );
  }

  const tablesOf = async () =>
    (await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [target.schema])).rows.map(
      (row) => row.table_name,
    );

  it(`version ${pgMigration003TeamInbox.version} adds the team inbox to a version-2 store with data; its merge rule reads the old log`, async () => {
    await storeWithAConversation(pgMigration003TeamInbox.version - 1);
    expect(await migratePostgres(client, target.schema, pgMigration003TeamInbox.version)).toBe(pgMigration003TeamInbox.version);
    expect(await tablesOf()).toEqual(
      expect.arrayContaining(['conversation_workflow', 'workflow_marks', 'customer_notes', 'settings_versions', 'agent_sessions', 'assignment_rotation', 'team_roster']),
    );
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      expect(await store.getConversationWorkflow('line:U1')).toEqual({ conversationId: 'line:U1', status: 'open', snoozedUntil: null, assignee: null });
      const mutation = mutationSchema.parse({ id: 'status-done-1', type: 'conversation.setStatus', payload: { conversationId: 'line:U1', status: 'done', seenSeq: 1 } });
      expect(await store.applyWorkflowMutation({ mutation: mutation as WorkflowMutation, agent: { name: '小美', role: 'agent' }, now: 3 })).toMatchObject({ changed: true });
      // The mark carries the seq its event got at commit, after the log the older relay wrote.
      expect((await client.query('SELECT scope, subject, seq, agent_name FROM workflow_marks')).rows).toEqual([
        { scope: 'status', subject: 'line:U1', seq: 2, agent_name: '小美' },
      ]);
      expect(await store.teamMembers(3)).toEqual([{ name: '小美', role: 'agent', online: false }]);
    } finally {
      await store.close();
    }
  });

  it(`version ${pgMigration004Media.version} adds the content tables to a version-3 store with data; a held reply keeps going out as text`, async () => {
    await storeWithAConversation(pgMigration004Media.version - 1);
    await client.query(`INSERT INTO conversation_workflow (conversation_id, status, assignee, updated_at) VALUES ('line:U1', 'pending', '小美', 2)`);
    expect(await migratePostgres(client, target.schema, pgMigration004Media.version)).toBe(pgMigration004Media.version);
    expect(await tablesOf()).toEqual(expect.arrayContaining(['media_items', 'uploads', 'quote_tokens']));
    expect((await client.query(`SELECT content_json, quote_token FROM outbound_messages WHERE message_id = 'out-1'`)).rows).toEqual([
      { content_json: null, quote_token: null },
    ]);
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      expect(await store.getConversationWorkflow('line:U1')).toMatchObject({ status: 'pending', assignee: '小美' });
      expect(await store.getOutboundMessage('out-1')).toMatchObject({ delivery: 'held', text: '有的' });
      expect(await store.nextMediaDueAt()).toBeNull();
      expect(await store.mediaBytesStored()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it(`version ${pgMigration005SuggestionFeedback.version} adds learned suggestions to a version-4 store with data; feedback reads the customer's words from the old log`, async () => {
    await storeWithAConversation(pgMigration005SuggestionFeedback.version - 1);
    expect(await migratePostgres(client, target.schema, pgMigration005SuggestionFeedback.version)).toBe(pgMigration005SuggestionFeedback.version);
    expect(await tablesOf()).toContain('suggestion_feedback');
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      const input = { mutationId: 'fb-1', agentName: '小美', payload: { conversationId: 'line:U1', messageId: 'm1', ruleId: 'sizes', verdict: 'accepted' as const }, now: 4 };
      expect(await store.recordSuggestionFeedback(input)).toEqual({ ok: true, feedbackId: 'fb-1', changed: true });
      expect((await store.readEvents(1, 10))[0]).toMatchObject({ seq: 2, type: 'suggestion.feedback', payload: { text: '請問有 M 號嗎？', ruleId: 'sizes' } });
    } finally {
      await store.close();
    }
  });

  it(`version ${pgMigration006ConversationMembers.version} takes the members of groups from a version-5 store's log; tags then go on members, not groups`, async () => {
    await storeWithAConversation(pgMigration006ConversationMembers.version - 1);
    const group = `C${'0'.repeat(28)}cafe`;
    await client.query(
      `INSERT INTO conversations (id, channel, friend_id, display_name, created_at, updated_at) VALUES ($1, 'line', $2, '團購群', 1, 1)`,
      [`line:${group}`, group],
    );
    const events: [string, string, number, object][] = [
      ['message.received', `line:${group}`, 10, { messageId: 'm2', text: '+1', kind: 'text', senderId: 'U-mei' }],
      ['message.received', `line:${group}`, 30, { messageId: 'm3', text: '+2', kind: 'text', senderId: 'U-mei' }],
      ['channel.event', `line:${group}`, 20, { channel: 'line', eventType: 'postback', summary: 'tap', details: { senderId: 'U-jun' } }],
      ['channel.event', `line:${group}`, 25, { channel: 'line', eventType: 'memberJoined', summary: 'joined', details: { memberIds: ['U-ann', 'U-mei', 7] } }],
      ['channel.event', `line:${group}`, 26, { channel: 'line', eventType: 'memberLeft', summary: 'left', details: { memberIds: ['U-left'] } }],
      ['message.received', 'line:GONE', 40, { messageId: 'm4', text: '?', kind: 'text', senderId: 'U-x' }],
    ];
    for (const [index, [type, conversationId, occurredAt, payload]] of events.entries()) {
      await client.query('INSERT INTO events (seq, type, conversation_id, occurred_at, payload) VALUES ($1, $2, $3, $4, $5)', [
        index + 2,
        type,
        conversationId,
        occurredAt,
        JSON.stringify(payload),
      ]);
    }
    await client.query('UPDATE event_log_head SET seq = $1', [events.length + 1]);

    expect(await migratePostgres(client, target.schema, pgMigration006ConversationMembers.version)).toBe(pgMigration006ConversationMembers.version);
    expect((await client.query('SELECT conversation_id, member_id, first_seen_at, last_seen_at FROM conversation_members ORDER BY member_id')).rows).toEqual([
      { conversation_id: `line:${group}`, member_id: 'U-ann', first_seen_at: 25, last_seen_at: 25 },
      { conversation_id: `line:${group}`, member_id: 'U-jun', first_seen_at: 20, last_seen_at: 20 },
      { conversation_id: `line:${group}`, member_id: 'U-mei', first_seen_at: 10, last_seen_at: 30 },
    ]);
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      const add = (id: string, friendId: string) =>
        store.applyTagMutation({
          mutation: mutationSchema.parse({ id, type: 'tag.add', payload: { friendId, tag: '團購', clientTime: 5 } }) as Extract<Mutation, { type: 'tag.add' }>,
          agentName: '小美',
          now: 50,
        });
      expect(await add('tag-group', group)).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
      expect(await add('tag-member', 'U-ann')).toEqual({ ok: true, tag: '團購', changed: true });
      expect(await store.segmentMembers({ tags: ['團購'], mode: 'or' })).toEqual([
        { friendId: 'U-ann', conversationId: `line:${group}`, displayName: 'U-ann', lastMessageAt: 25, tags: ['團購'], groupName: '團購群' },
      ]);
      expect(await store.headSeq()).toBe(events.length + 2);
    } finally {
      await store.close();
    }
  });

  it(`version ${pgMigration007WebchatUploads.version} adds visitors' uploads to a version-6 store with data; they count against the shop's storage`, async () => {
    await storeWithAConversation(pgMigration007WebchatUploads.version - 1);
    await client.query(
      `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, next_attempt_at, size, created_at, updated_at)
       VALUES ('m_photo', 'line:U1', 'line', 'm1', 'image', 'line', 'm1', 'stored', 0, 1000, 1, 1)`,
    );
    expect(await migratePostgres(client, target.schema, pgMigration007WebchatUploads.version)).toBe(pgMigration007WebchatUploads.version);
    expect(await tablesOf()).toContain('webchat_uploads');
    const store = await PostgresRelayStore.open(target, { listen: false });
    try {
      expect(await store.mediaBytesStored()).toBe(1000);
      const record = { uploadId: 'up-1', mediaId: 'w_up1', kind: 'image' as const, contentType: 'image/png', size: 500, fileName: 'a.png', previewContentType: null, createdAt: 10 };
      const limits = { perVisitor: 5, perAddress: 5, windowMs: 60_000, maxTotalBytes: 1_600 };
      expect(await store.webchat.recordVisitorUpload({ visitorId: 'visitor-1', address: '203.0.113.7', record, limits })).toMatchObject({ kind: 'stored' });
      expect(await store.mediaBytesStored()).toBe(1500);
      const second = { ...record, uploadId: 'up-2', mediaId: 'w_up2' };
      expect(await store.webchat.recordVisitorUpload({ visitorId: 'visitor-1', address: '203.0.113.7', record: second, limits })).toMatchObject({ kind: 'refused', code: 'STORAGE_FULL' });
      expect(await store.webchat.takeUnsentVisitorUploads(11)).toEqual(['w_up1']);
      expect(await store.getOutboundMessage('out-1')).toMatchObject({ delivery: 'held' });
    } finally {
      await store.close();
    }
  });

  it('lets relays that start at the same moment migrate once and agree on the relay id', async () => {
    const stores = await Promise.all(Array.from({ length: 5 }, () => PostgresRelayStore.open(target, { listen: false, poolSize: 2 })));
    try {
      expect(new Set(stores.map((store) => store.relayId)).size).toBe(1);
      const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.rows.map((row) => row.version)).toEqual(PG_MIGRATIONS.map((migration) => migration.version));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses to run on a schema newer than this relay understands', async () => {
    await migratePostgres(client, target.schema);
    await client.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')`, [LATEST_PG_SCHEMA_VERSION + 1]);
    await expect(PostgresRelayStore.open(target, { listen: false })).rejects.toThrow(/newer than this relay understands.*Upgrade the relay/);
    expect(await pgSchemaVersion(client)).toBe(LATEST_PG_SCHEMA_VERSION + 1);
  });

  it('a relay that cannot reach its database says where it looked, without the password', async () => {
    const port = await freePort();
    const unreachable = parsePostgresUrl(`postgres://relay:s3cret-pw@127.0.0.1:${port}/inbox?schema=shop_one`);
    const opening = PostgresRelayStore.open(unreachable, { listen: false });
    await expect(opening).rejects.toThrow(`Cannot open the relay's PostgreSQL store at 127.0.0.1:${port}/inbox (schema shop_one)`);
    await expect(opening).rejects.not.toThrow(/s3cret-pw/);
  });
});
