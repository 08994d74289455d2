import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { MutationAck, NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent, TagMutationAck } from '../../shared/protocol';
import { openRelayDatabase } from './database';
import type {
  AgentTokenRecord,
  BeginAutoReplyResult,
  BeginOrderCreateInput,
  BeginOrderCreateResult,
  BeginMarkReadResult,
  BeginReplyActionInput,
  BeginReplyActionResult,
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ConversationRecord,
  LineIngestItem,
  LineIngestResult,
  LineProfileRecord,
  OrderRecord,
  OutboundMessageRecord,
  PaymentNotificationInput,
  PaymentNotificationResult,
  PresenceInput,
  QueuedReminders,
  QueueRemindersInput,
  QuotaPoll,
  RelayStore,
  SaveCatalogInput,
  SaveRulesInput,
  SaveRulesResult,
  SegmentMember,
  SegmentQuery,
  SettlePushInput,
  SetOrderStatusInput,
  SettleReplyBatchInput,
  StoredCatalog,
  StoredMutation,
  StoredRules,
  TagMutationInput,
  TypingIndicatorClaim,
} from './relay-store';
import { beginMarkReadSync, claimTypingIndicatorSync } from './sqlite-read-and-typing';
import { setPresenceSync, typingAgentsSync } from './sqlite-presence';
import { latestRulesSync, latestRulesVersionSync, saveRulesSync } from './sqlite-rules';
import { appendEventsSync, headSeqSync, readEventsSync } from './sqlite-event-log';
import { recordLineEventsSync } from './sqlite-line-ingest';
import { isQuotaBlockedSync, quotaSnapshotSync, recordQuotaPollSync } from './sqlite-quota';
import { beginReplyActionSync, settlePushSync } from './sqlite-reply-actions';
import {
  beginReplySendSync,
  claimHeldRepliesSync,
  getMutationSync,
  hasFreshTokenSync,
  settleReplyBatchSync,
} from './sqlite-replies';
import { latestCatalogSync, saveCatalogSync } from './sqlite-catalog';
import { hasDueRemindersSync, queueDueRemindersSync } from './sqlite-order-reminders';
import { getOrderSync } from './sqlite-order-queries';
import { beginOrderCreateSync, setOrderStatusSync } from './sqlite-orders';
import { recordPaymentNotificationSync } from './sqlite-payments';
import { applyTagMutationSync, friendTagNamesSync, segmentMembersSync } from './sqlite-tags';
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

  beginReplyAction(input: BeginReplyActionInput): BeginReplyActionResult {
    const { result, appended } = this.write(() => beginReplyActionSync(this.db, input));
    this.notify(appended);
    return result;
  }

  settlePush(input: SettlePushInput): RelayEvent[] {
    const appended = this.write(() => settlePushSync(this.db, input));
    this.notify(appended);
    return appended;
  }

  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): RelayEvent[] {
    if (!hasUnconfirmedSendsSync(this.db, input.staleBefore)) return [];
    const appended = this.write(() => failUnconfirmedSendsSync(this.db, input));
    this.notify(appended);
    return appended;
  }

  isQuotaBlocked(): boolean {
    return isQuotaBlockedSync(this.db);
  }

  recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): RelayEvent[] {
    const appended = this.write(() => recordQuotaPollSync(this.db, poll, plan));
    this.notify(appended);
    return appended;
  }

  quotaSnapshot(plan: PricePlan, now: number): QuotaUpdatedPayload {
    return quotaSnapshotSync(this.db, plan, now);
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

  latestRulesVersion(): number {
    return latestRulesVersionSync(this.db);
  }

  latestRules(): StoredRules | null {
    return latestRulesSync(this.db);
  }

  saveRules(input: SaveRulesInput): SaveRulesResult {
    const { result, appended } = this.write(() => saveRulesSync(this.db, input));
    this.notify(appended);
    return result;
  }

  setPresence(input: PresenceInput): void {
    this.write(() => setPresenceSync(this.db, input));
  }

  beginAutoReply(input: BeginReplySendInput): BeginAutoReplyResult {
    const { result, appended } = this.write(() => {
      // Checked inside the write lock: a typing report committed by another process is seen here.
      const repeat = getMutationSync(this.db, input.mutationId);
      if (repeat) return { result: { kind: 'repeat' as const, mutation: repeat }, appended: [] };
      const typingAgents = typingAgentsSync(this.db, input.conversationId, input.now);
      if (typingAgents.length > 0) {
        return { result: { kind: 'skipped' as const, reason: 'agent_typing' as const, typingAgents }, appended: [] };
      }
      // An automatic answer is only worth sending free and at once; it is never held for later.
      if (!hasFreshTokenSync(this.db, input.conversationId, input.now)) {
        return { result: { kind: 'skipped' as const, reason: 'no_fresh_token' as const, typingAgents }, appended: [] };
      }
      return beginReplySendSync(this.db, { ...input, auto: true });
    });
    this.notify(appended);
    return result;
  }

  applyTagMutation(input: TagMutationInput): TagMutationAck {
    const { answer, appended } = this.write(() => applyTagMutationSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  segmentMembers(query: SegmentQuery): SegmentMember[] | { unknownTags: string[] } {
    return segmentMembersSync(this.db, query);
  }

  friendTagNames(friendId: string): string[] {
    return friendTagNamesSync(this.db, friendId);
  }

  beginMarkRead(input: { mutationId: string; conversationId: string; agentName: string; now: number }): BeginMarkReadResult {
    return this.write(() => beginMarkReadSync(this.db, input));
  }

  claimTypingIndicator(input: { conversationId: string; now: number; throttleMs: number }): TypingIndicatorClaim | null {
    return this.write(() => claimTypingIndicatorSync(this.db, input));
  }

  latestCatalog(): StoredCatalog | null {
    return latestCatalogSync(this.db);
  }

  saveCatalog(input: SaveCatalogInput): SaveRulesResult {
    const { result, appended } = this.write(() => saveCatalogSync(this.db, input));
    this.notify(appended);
    return result;
  }

  beginOrderCreate(input: BeginOrderCreateInput): BeginOrderCreateResult {
    const { result, appended } = this.write(() => beginOrderCreateSync(this.db, input));
    this.notify(appended);
    return result;
  }

  setOrderStatus(input: SetOrderStatusInput): MutationAck {
    const { answer, appended } = this.write(() => setOrderStatusSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  queueDueReminders(input: QueueRemindersInput): QueuedReminders {
    if (!hasDueRemindersSync(this.db, input.now)) return { queued: 0, pushes: [] };
    const { result, appended } = this.write(() => queueDueRemindersSync(this.db, input));
    this.notify(appended);
    return result;
  }

  recordPaymentNotification(input: PaymentNotificationInput): PaymentNotificationResult {
    const { result, appended } = this.write(() => recordPaymentNotificationSync(this.db, input));
    this.notify(appended);
    return result;
  }

  getOrder(orderId: string): OrderRecord | null {
    return getOrderSync(this.db, orderId);
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
