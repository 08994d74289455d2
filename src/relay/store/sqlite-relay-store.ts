import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { MutationAck, NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent, TagMutationAck } from '../../shared/protocol';
import { openRelayDatabase } from './database';
import type {
  AgentTokenRecord,
  BeginAutoReplyResult,
  BeginOrderCreateInput,
  BeginOrderSendSummaryInput,
  BeginOrderCreateResult,
  BeginMarkReadResult,
  BeginReplyActionInput,
  BeginReplyActionResult,
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ConversationRecord,
  LineIngestBody,
  LineIngestItem,
  LineIngestOutcome,
  LineIngestResult,
  LineProfileRecord,
  MutationClaimInput,
  MutationClaimResult,
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
import { claimMutationIdSync, existingClaimSync } from './sqlite-mutation-claims';
import { findAgentTokenSync, findAgentTokensSync, insertAgentTokenSync, listAgentTokensSync, revokeAgentTokensSync } from './sqlite-agent-tokens';
import { applyLineProfileSync, getConversationSync, getLineProfileSync } from './sqlite-conversations';
import { beginMarkReadSync, claimTypingIndicatorSync } from './sqlite-read-and-typing';
import { setPresenceSync, typingAgentsSync } from './sqlite-presence';
import { latestRulesSync, latestRulesVersionSync, saveRulesSync } from './sqlite-rules';
import { appendEventsSync, headSeqSync, readEventsSync } from './sqlite-event-log';
import { recordLineEventGroupSync, recordLineEventsSync } from './sqlite-line-ingest';
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
import { beginOrderSendSummarySync } from './sqlite-order-summary';
import { recordPaymentNotificationSync } from './sqlite-payments';
import { applyTagMutationSync, friendTagNamesSync, segmentMembersSync } from './sqlite-tags';
import { statement } from './statements';
import { failUnconfirmedSendsSync, hasUnconfirmedSendsSync } from './sqlite-unconfirmed-sends';

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

  /** One transaction whose appended events are announced to this process's listeners after the commit. */
  private writeAndNotify<T>(work: () => { result: T; appended: RelayEvent[] }): T {
    const { result, appended } = this.write(work);
    this.notify(appended);
    return result;
  }

  /** Like writeAndNotify for work whose result is the events it appended. */
  private writeEvents(work: () => RelayEvent[]): RelayEvent[] {
    return this.writeAndNotify(() => {
      const appended = work();
      return { result: appended, appended };
    });
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
    return this.writeEvents(() => appendEventsSync(this.db, events));
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

  recordLineEventGroup(bodies: readonly LineIngestBody[]): LineIngestOutcome[] {
    const outcomes = this.write(() => recordLineEventGroupSync(this.db, bodies));
    this.notify(outcomes.flatMap((outcome) => (outcome.ok ? outcome.result.appended : [])));
    return outcomes;
  }

  getConversation(conversationId: string): ConversationRecord | null {
    return getConversationSync(this.db, conversationId);
  }

  applyLineProfile(profile: LineProfileRecord, conversationId: string): RelayEvent[] {
    return this.writeEvents(() => applyLineProfileSync(this.db, profile, conversationId));
  }

  getLineProfile(userId: string): LineProfileRecord | null {
    return getLineProfileSync(this.db, userId);
  }

  beginReplySend(input: BeginReplySendInput): BeginReplySendResult {
    return this.writeAndNotify(() => beginReplySendSync(this.db, input));
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
    return this.writeEvents(() => settleReplyBatchSync(this.db, input));
  }

  beginReplyAction(input: BeginReplyActionInput): BeginReplyActionResult {
    return this.writeAndNotify(() => beginReplyActionSync(this.db, input));
  }

  settlePush(input: SettlePushInput): RelayEvent[] {
    return this.writeEvents(() => settlePushSync(this.db, input));
  }

  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): RelayEvent[] {
    if (!hasUnconfirmedSendsSync(this.db, input.staleBefore)) return [];
    return this.writeEvents(() => failUnconfirmedSendsSync(this.db, input));
  }

  isQuotaBlocked(): boolean {
    return isQuotaBlockedSync(this.db);
  }

  recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): RelayEvent[] {
    return this.writeEvents(() => recordQuotaPollSync(this.db, poll, plan));
  }

  quotaSnapshot(plan: PricePlan, now: number): QuotaUpdatedPayload {
    return quotaSnapshotSync(this.db, plan, now);
  }

  getMutation(mutationId: string): StoredMutation | null {
    return getMutationSync(this.db, mutationId);
  }

  claimMutationId(input: MutationClaimInput): MutationClaimResult {
    return existingClaimSync(this.db, input) ?? this.write(() => claimMutationIdSync(this.db, input));
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
    return this.writeAndNotify(() => saveRulesSync(this.db, input));
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
    return this.writeAndNotify(() => saveCatalogSync(this.db, input));
  }

  beginOrderCreate(input: BeginOrderCreateInput): BeginOrderCreateResult {
    return this.writeAndNotify(() => beginOrderCreateSync(this.db, input));
  }

  beginOrderSendSummary(input: BeginOrderSendSummaryInput): BeginOrderCreateResult {
    return this.writeAndNotify(() => beginOrderSendSummarySync(this.db, input));
  }

  setOrderStatus(input: SetOrderStatusInput): MutationAck {
    return this.writeAndNotify(() => setOrderStatusSync(this.db, input));
  }

  queueDueReminders(input: QueueRemindersInput): QueuedReminders {
    if (!hasDueRemindersSync(this.db, input.now)) return { queued: 0, pushes: [] };
    return this.writeAndNotify(() => queueDueRemindersSync(this.db, input));
  }

  recordPaymentNotification(input: PaymentNotificationInput): PaymentNotificationResult {
    return this.writeAndNotify(() => recordPaymentNotificationSync(this.db, input));
  }

  getOrder(orderId: string): OrderRecord | null {
    return getOrderSync(this.db, orderId);
  }

  insertAgentToken(token: AgentTokenRecord): void {
    this.write(() => insertAgentTokenSync(this.db, token));
  }

  findAgentToken(tokenHash: string): AgentTokenRecord | null {
    return findAgentTokenSync(this.db, tokenHash);
  }

  findAgentTokens(tokenHashes: readonly string[]): AgentTokenRecord[] {
    return findAgentTokensSync(this.db, tokenHashes);
  }

  revokeAgentTokens(name: string, revokedAt: number): number {
    return this.write(() => revokeAgentTokensSync(this.db, name, revokedAt));
  }

  listAgentTokens(): AgentTokenRecord[] {
    return listAgentTokensSync(this.db);
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }
}
