import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { NewRelayEvent, RelayEvent } from '../../shared/protocol';
import { openRelayDatabase } from './database';
import type {
  AgentTokenRecord,
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ConversationRecord,
  LineIngestItem,
  LineIngestResult,
  LineProfileRecord,
  OutboundMessageRecord,
  RelayStore,
  SettleReplyBatchInput,
  StoredMutation,
} from './relay-store';
import { appendEventsSync, headSeqSync, readEventsSync } from './sqlite-event-log';
import { recordLineEventsSync } from './sqlite-line-ingest';
import { beginReplySendSync, claimHeldRepliesSync, getMutationSync, settleReplyBatchSync } from './sqlite-replies';
import { statement } from './statements';
import { failUnconfirmedSendsSync, hasUnconfirmedSendsSync } from './sqlite-unconfirmed-sends';

interface AgentTokenRow {
  token_hash: string;
  name: string;
  role: 'agent' | 'lead';
  created_at: number;
  revoked_at: number | null;
}

function rowToAgentToken(row: AgentTokenRow): AgentTokenRecord {
  return { tokenHash: row.token_hash, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** The embedded relay store: one SQLite file (WAL) that several relay processes may share. */
export class SqliteRelayStore implements RelayStore {
  readonly relayId: string;
  private readonly listeners = new Set<(headSeq: number) => void>();

  private constructor(private readonly db: Database.Database) {
    this.relayId = this.ensureRelayId();
  }

  static open(dataDir: string): SqliteRelayStore {
    return new SqliteRelayStore(openRelayDatabase(dataDir));
  }

  /** Runs `work` in one IMMEDIATE transaction (takes the write lock up front, so no upgrade deadlock). */
  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  private notify(appended: readonly RelayEvent[]): void {
    const last = appended[appended.length - 1];
    if (!last) return;
    for (const listener of this.listeners) listener(last.seq);
  }

  private ensureRelayId(): string {
    return this.write(() => {
      this.db.prepare(`INSERT OR IGNORE INTO relay_meta (key, value) VALUES ('relay_id', ?)`).run(randomUUID());
      return (this.db.prepare(`SELECT value FROM relay_meta WHERE key = 'relay_id'`).get() as { value: string }).value;
    });
  }

  headSeq(): number {
    return headSeqSync(this.db);
  }

  readEvents(afterSeq: number, limit: number): RelayEvent[] {
    return readEventsSync(this.db, afterSeq, limit);
  }

  appendEvents(events: NewRelayEvent[]): RelayEvent[] {
    const appended = this.write(() => appendEventsSync(this.db, events));
    this.notify(appended);
    return appended;
  }

  onEventsAppended(listener: (headSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recordLineEvents(items: readonly LineIngestItem[], receivedAt: number): LineIngestResult {
    const result = this.write(() => recordLineEventsSync(this.db, items, receivedAt));
    this.notify(result.appended);
    return result;
  }

  getConversation(conversationId: string): ConversationRecord | null {
    const row = this.db
      .prepare('SELECT id, channel, friend_id, display_name, picture_url FROM conversations WHERE id = ?')
      .get(conversationId) as
      | { id: string; channel: 'line'; friend_id: string; display_name: string; picture_url: string | null }
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      channel: row.channel,
      friendId: row.friend_id,
      displayName: row.display_name,
      pictureUrl: row.picture_url,
    };
  }

  applyLineProfile(profile: LineProfileRecord, conversationId: string): RelayEvent[] {
    const appended = this.write(() => {
      this.db
        .prepare(
          `INSERT INTO line_profiles (user_id, display_name, picture_url, status_message, language, fetched_at)
           VALUES (@userId, @displayName, @pictureUrl, @statusMessage, @language, @fetchedAt)
           ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, picture_url = excluded.picture_url,
             status_message = excluded.status_message, language = excluded.language, fetched_at = excluded.fetched_at`,
        )
        .run(profile);
      const changed = this.db
        .prepare(
          `UPDATE conversations SET display_name = ?, picture_url = ?, updated_at = ?
           WHERE id = ? AND (display_name IS NOT ? OR picture_url IS NOT ?)`,
        )
        .run(profile.displayName, profile.pictureUrl, profile.fetchedAt, conversationId, profile.displayName, profile.pictureUrl);
      if (changed.changes === 0) return [];
      const friendId = (this.db.prepare('SELECT friend_id FROM conversations WHERE id = ?').get(conversationId) as {
        friend_id: string;
      }).friend_id;
      return appendEventsSync(this.db, [
        {
          type: 'conversation.upserted',
          conversationId,
          occurredAt: profile.fetchedAt,
          payload: { channel: 'line', friendId, displayName: profile.displayName, pictureUrl: profile.pictureUrl },
        },
      ]);
    });
    this.notify(appended);
    return appended;
  }

  getLineProfile(userId: string): LineProfileRecord | null {
    const row = this.db
      .prepare(
        `SELECT user_id AS userId, display_name AS displayName, picture_url AS pictureUrl,
                status_message AS statusMessage, language, fetched_at AS fetchedAt
         FROM line_profiles WHERE user_id = ?`,
      )
      .get(userId) as LineProfileRecord | undefined;
    return row ?? null;
  }

  beginReplySend(input: BeginReplySendInput): BeginReplySendResult {
    const { result, appended } = this.write(() => beginReplySendSync(this.db, input));
    this.notify(appended);
    return result;
  }

  claimHeldReplies(conversationId: string, now: number, maxMessages: number): ClaimedReplyBatch | null {
    // Nearly every webhook brings a token and finds nothing held: a plain read spares it a second write
    // transaction. A reply held just after this read waits for the next token, as if it came later.
    const anyHeld = statement(this.db, `SELECT 1 FROM outbound_messages WHERE conversation_id = ? AND delivery = 'held' LIMIT 1`);
    if (anyHeld.get(conversationId) === undefined) return null;
    const { batch, appended } = this.write(() => claimHeldRepliesSync(this.db, conversationId, now, maxMessages));
    this.notify(appended);
    return batch;
  }

  settleReplyBatch(input: SettleReplyBatchInput): RelayEvent[] {
    const appended = this.write(() => settleReplyBatchSync(this.db, input));
    this.notify(appended);
    return appended;
  }

  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): RelayEvent[] {
    if (!hasUnconfirmedSendsSync(this.db, input.staleBefore)) return [];
    const appended = this.write(() => failUnconfirmedSendsSync(this.db, input));
    this.notify(appended);
    return appended;
  }

  getMutation(mutationId: string): StoredMutation | null {
    return getMutationSync(this.db, mutationId);
  }

  getOutboundMessage(messageId: string): OutboundMessageRecord | null {
    const row = this.db
      .prepare(
        `SELECT message_id AS messageId, mutation_id AS mutationId, conversation_id AS conversationId, text,
                delivery, reason, reply_token AS replyToken
         FROM outbound_messages WHERE message_id = ?`,
      )
      .get(messageId) as OutboundMessageRecord | undefined;
    return row ?? null;
  }

  insertAgentToken(token: AgentTokenRecord): void {
    this.write(() =>
      this.db
        .prepare('INSERT INTO agent_tokens (token_hash, name, role, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)')
        .run(token.tokenHash, token.name, token.role, token.createdAt, token.revokedAt),
    );
  }

  findAgentToken(tokenHash: string): AgentTokenRecord | null {
    const row = this.db.prepare('SELECT * FROM agent_tokens WHERE token_hash = ?').get(tokenHash) as AgentTokenRow | undefined;
    return row ? rowToAgentToken(row) : null;
  }

  revokeAgentTokens(name: string, revokedAt: number): number {
    return this.write(
      () => this.db.prepare('UPDATE agent_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(revokedAt, name).changes,
    );
  }

  listAgentTokens(): AgentTokenRecord[] {
    const rows = this.db.prepare('SELECT * FROM agent_tokens ORDER BY created_at, name').all() as AgentTokenRow[];
    return rows.map(rowToAgentToken);
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }
}
