import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';
import { loadRelayConfig } from '../../../src/relay/config';
import { silentLogger } from '../../../src/relay/logger';
import { startRelay } from '../../../src/relay/server';
import { RELAY_DB_FILENAME } from '../../../src/relay/store/database';
import { COPIED_TABLES, POSTGRES_ONLY_TABLES } from '../../../src/relay/store/postgres/copy-from-sqlite';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import { runRelayCli } from '../../support/processes';
import { openTestRelayStore, queryTestStore, relayStorageEnv } from '../../support/relay-backend';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, connectAgent, eventsOfType, waitFor } from '../relay/harness';
import {
  FIXTURE_CONVERSATION,
  FIXTURE_MEMBER_TAG,
  FIXTURE_PHOTO_CONVERSATION,
  FIXTURE_SESSION_TIME,
  FIXTURE_UPLOAD_ID,
  FIXTURE_USER,
  FIXTURE_VISITOR,
  FIXTURE_VISITOR_UPLOADS,
  fillRelayStore,
} from './sqlite-relay-fixture';

/** Only what the command line gives: the SQLite folder from RELAY_DATA_DIR, the target from the argument. */
const runCli = (args: string[], env: Record<string, string>) => runRelayCli(args, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env });

function sqliteTables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((row) => row.name).sort();
}

function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((row) => row.name).sort();
}

/** What a desktop sees of a store: everything its operations answer. */
async function snapshot(store: RelayStore) {
  return {
    relayId: store.relayId,
    headSeq: await store.headSeq(),
    events: await store.readEvents(0, 100_000),
    tokens: await store.listAgentTokens(),
    rules: await store.latestRules(),
    catalog: await store.latestCatalog(),
    orders: [await store.getOrder('ord_fixture_paid'), await store.getOrder('ord_fixture_open')],
    tags: await store.friendTagNames(FIXTURE_USER),
    conversation: await store.getConversation(FIXTURE_CONVERSATION),
    profile: await store.getProfile('line', FIXTURE_USER),
    heldReply: await store.getOutboundMessage('msg-fixture-reply-2'),
    quota: await store.quotaSnapshot(TAIWAN_2023_PLANS[0]!, 1),
    visitor: await store.webchat.findVisitorCustomer('v'.repeat(32)),
    workflow: [await store.getConversationWorkflow(FIXTURE_CONVERSATION), await store.getConversationWorkflow(FIXTURE_PHOTO_CONVERSATION)],
    settings: await store.latestInboxSettings(),
    team: await store.teamMembers(FIXTURE_SESSION_TIME),
    media: await Promise.all(
      eventsOfType(await store.readEvents(0, 100_000), 'message.mediaReady').map((event) => store.getMedia(event.payload.media.url.split('/').pop()!)),
    ),
    mediaBytes: await store.mediaBytesStored(),
    upload: await store.getUpload(FIXTURE_UPLOAD_ID),
    // A group member's tag lists them with the group (conversation_members).
    groupMembers: await store.segmentMembers({ tags: [FIXTURE_MEMBER_TAG], mode: 'or' }),
    visitorUploads: [
      await store.webchat.findVisitorUpload(FIXTURE_VISITOR, FIXTURE_VISITOR_UPLOADS.unsent.uploadId),
      await store.webchat.sentVisitorUpload(FIXTURE_VISITOR_UPLOADS.sent.mediaId),
    ],
  };
}

describe('npm run relay -- migrate-to postgres://…', () => {
  let sqliteDir: string;
  let targetDir: string;
  let fakeLine: FakeLine;
  let agentToken: string;
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'relay-sqlite-source-'));
    // On PostgreSQL the folder only names the schema (nothing is written there).
    targetDir = join(tmpdir(), `relay-pg-target-${randomUUID()}`);
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    const source = SqliteRelayStore.open(sqliteDir);
    try {
      agentToken = await fillRelayStore(source);
      before = await snapshot(source);
    } finally {
      await source.close();
    }
    // No operation writes the team roster yet: a row put in by hand proves its copy.
    const db = new Database(join(sqliteDir, RELAY_DB_FILENAME));
    db.prepare(`INSERT INTO team_roster (id, roster_json) VALUES (1, '[]')`).run();
    db.close();
  });
  afterAll(async () => {
    await fakeLine.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  });

  it('copies every table keeping the relay id and every seq; a desktop on its old cursor just continues on a PostgreSQL relay', async () => {
    const db = new Database(join(sqliteDir, RELAY_DB_FILENAME), { readonly: true });
    const counts = Object.fromEntries(COPIED_TABLES.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]));
    db.close();
    // The fixture reaches every table, so each one's copy is really exercised.
    expect(Object.entries(counts).filter(([, count]) => count === 0)).toEqual([]);

    const url = relayStorageEnv(targetDir).RELAY_DATABASE_URL!;
    const migrated = await runCli(['migrate-to', url], { RELAY_DATA_DIR: sqliteDir });
    expect(migrated.stderr).toContain('Done');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout.trim()).toBe(`relay ${before.relayId} head ${before.headSeq}`);
    expect(migrated.stderr).not.toContain(new URL(url).password);
    // The photo's file is not in the database: the command says where it stays.
    expect(migrated.stderr).toContain(`stay in ${join(sqliteDir, 'media')}`);

    for (const table of COPIED_TABLES) {
      const [row] = await queryTestStore<{ n: number }>(targetDir, `SELECT COUNT(*) AS n FROM ${table}`);
      expect({ table, rows: row?.n }).toEqual({ table, rows: counts[table] });
    }
    const target = await openTestRelayStore(targetDir);
    try {
      expect(await snapshot(target)).toEqual(before);
    } finally {
      await target.close();
    }

    // A relay on PostgreSQL serves the desktop that was synced to the SQLite relay: same relay, same token, its cursor.
    const relay = await startRelay(
      loadRelayConfig({
        RELAY_PORT: '0',
        RELAY_HOST: '127.0.0.1',
        ...relayStorageEnv(targetDir),
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
        LINE_API_BASE_URL: fakeLine.url,
      }),
      { logger: silentLogger, pollIntervalMs: 100, quotaPolling: false },
    );
    try {
      const agent = connectAgent(relay.url, agentToken, before.headSeq);
      const hello = await agent.hello;
      expect(hello).toMatchObject({ relayId: before.relayId, headSeq: before.headSeq, agent: { name: '小美', role: 'lead' } });
      const replyToken = fakeLine.issueReplyToken();
      await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId: FIXTURE_USER, text: '還在嗎？', replyToken })]));
      const received = await waitFor(() => eventsOfType(agent.events, 'message.received')[0], 'the new message on the old cursor');
      expect(agent.events[0]?.seq).toBe(before.headSeq + 1);
      expect(received.payload.text).toBe('還在嗎？');
      // What was held before the move (the reply, then the open order's summary and its reminder) goes out free with
      // the customer's new token, oldest first, from the relay on PostgreSQL.
      await waitFor(() => fakeLine.replies().length === 1, 'the held messages released free');
      expect(fakeLine.replies()[0]).toMatchObject({ status: 200, body: { replyToken } });
      const texts = (fakeLine.replies()[0]!.body as { messages: { text: string }[] }).messages.map((message) => message.text);
      expect(texts[0]).toBe('還需要什麼嗎？');
      expect(texts).toHaveLength(3);
      agent.close();
    } finally {
      await relay.close();
    }
  }, 90_000);

  it('refuses to copy into a schema that already holds a relay, and says when there is nothing to copy', async () => {
    const url = relayStorageEnv(targetDir).RELAY_DATABASE_URL!;
    const again = await runCli(['migrate-to', url], { RELAY_DATA_DIR: sqliteDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a relay \(\d+ events/);
    const empty = mkdtempSync(join(tmpdir(), 'relay-nothing-'));
    try {
      const nothing = await runCli(['migrate-to', relayStorageEnv(join(tmpdir(), `relay-pg-unused-${randomUUID()}`)).RELAY_DATABASE_URL!], { RELAY_DATA_DIR: empty });
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain(`No SQLite relay in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const badUrl = await runCli(['migrate-to', 'mysql://db/inbox'], { RELAY_DATA_DIR: sqliteDir });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('must start with postgres://');
  }, 60_000);

  it('copies every table both backends have, column for column (a table added to one must be added to the other)', async () => {
    const db = new Database(join(sqliteDir, RELAY_DB_FILENAME), { readonly: true });
    try {
      expect(sqliteTables(db)).toEqual([...COPIED_TABLES].sort());
      const schema = new URL(relayStorageEnv(targetDir).RELAY_DATABASE_URL!).searchParams.get('schema');
      const pgColumns = await queryTestStore<{ table_name: string; column_name: string }>(
        targetDir,
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = '${schema}'`,
      );
      const tables = [...new Set(pgColumns.map((row) => row.table_name))].sort();
      expect(tables).toEqual([...COPIED_TABLES, ...POSTGRES_ONLY_TABLES].sort());
      for (const table of COPIED_TABLES) {
        const columns = pgColumns.filter((row) => row.table_name === table && row.column_name !== 'row_no').map((row) => row.column_name).sort();
        expect({ table, columns }).toEqual({ table, columns: sqliteColumns(db, table) });
      }
    } finally {
      db.close();
    }
  });
});
