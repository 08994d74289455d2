import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Channel, MutationAck, NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent, TagMutationAck } from '../../shared/protocol';
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
  SuggestionFeedbackInput,
  SuggestionReviewInput,
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
import { applyProfileSync, getConversationSync, getProfileSync, lastCustomerMessageAtSync } from './sqlite-conversations';
import { beginMarkReadSync, claimTypingIndicatorSync } from './sqlite-read-and-typing';
import { setPresenceSync, typingAgentsSync } from './sqlite-presence';
import { latestRulesSync, latestRulesVersionSync, saveRulesSync } from './sqlite-rules';
import { appendEventsSync, headSeqSync, readEventsSync } from './sqlite-event-log';
import { recordInboundGroupSync } from './sqlite-inbound';
import { DEFAULT_CHANNEL_SETTINGS, setChannelSettings, type ChannelSettings } from './sqlite-window-claims';
import type { InboundBody, InboundOutcome, ProfileRecord } from './channel-store-types';
import { isQuotaBlockedSync, quotaSnapshotSync, recordQuotaPollSync } from './sqlite-quota';
import { beginReplyActionSync, settlePushSync } from './sqlite-reply-actions';
import {
  beginReplySendSync,
  claimHeldRepliesSync,
  getMutationSync,
  hasFreeWindowSync,
  settleReplyBatchSync,
} from './sqlite-replies';
import { latestCatalogSync, saveCatalogSync } from './sqlite-catalog';
import { hasDueRemindersSync, queueDueRemindersSync } from './sqlite-order-reminders';
import { getOrderSync } from './sqlite-order-queries';
import { beginOrderCreateSync, setOrderStatusSync } from './sqlite-orders';
import { beginOrderSendSummarySync } from './sqlite-order-summary';
import { recordPaymentNotificationSync } from './sqlite-payments';
import { applyTagMutationSync, friendTagNamesSync, segmentMembersSync } from './sqlite-tags';
import { recordSuggestionFeedbackSync, reviewSuggestionFeedbackSync } from './sqlite-suggestion-learning';
import { statement } from './statements';
import { createSqliteWebchatStore } from './sqlite-webchat';
import type { WebchatStore } from './webchat-store-types';
import { failUnconfirmedSendsSync, hasUnconfirmedSendsSync } from './sqlite-unconfirmed-sends';
import type { TeamMember } from '../../shared/protocol';
import { applyWorkflowMutationSync, conversationWorkflowSync } from './sqlite-workflow';
import {
  createTokenByMutationSync,
  endAgentSessionSync,
  latestInboxSettingsSync,
  revokeTokensByMutationSync,
  saveInboxSettingsSync,
  teamMembersSync,
  teamReportEventsSync,
  touchAgentSessionSync,
} from './sqlite-team-admin';
import type {
  AgentSessionInput,
  ConversationWorkflowRecord,
  SaveInboxSettingsInput,
  StoredInboxSettings,
  TeamReportSourceEvent,
  TokenCreateByMutationInput,
  TokenMutationResult,
  TokenRevokeByMutationInput,
  WorkflowMutationInput,
} from './workflow-store-types';
import {
  claimMediaDownloadSync,
  finishMediaDownloadSync,
  getMediaSync,
  getUploadByPublicIdSync,
  getUploadSync,
  mediaBytesStoredSync,
  nextMediaDueAtSync,
  recordUploadSync,
} from './sqlite-media';
import type { FinishMediaDownloadInput, FinishMediaDownloadResult, MediaDownloadJob, StoredMediaRecord, UploadRecord } from './media-store-types';

/** The embedded relay store: one SQLite file (WAL) that several relay processes may share. */
export class SqliteRelayStore implements RelayStore {
  readonly relayId: string;
  readonly webchat: WebchatStore;
  private readonly listeners = new Set<(headSeq: number) => void>();

  private constructor(private readonly db: Database.Database) {
    this.relayId = this.ensureRelayId();
    this.webchat = createSqliteWebchatStore(db);
  }

  static open(dataDir: string, settings: ChannelSettings = DEFAULT_CHANNEL_SETTINGS): SqliteRelayStore {
    const db = openRelayDatabase(dataDir);
    setChannelSettings(db, settings);
    return new SqliteRelayStore(db);
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

  async headSeq(): Promise<number> {
    return headSeqSync(this.db);
  }

  async readEvents(afterSeq: number, limit: number): Promise<RelayEvent[]> {
    return readEventsSync(this.db, afterSeq, limit);
  }

  async appendEvents(events: NewRelayEvent[]): Promise<RelayEvent[]> {
    return this.writeEvents(() => appendEventsSync(this.db, events));
  }

  onEventsAppended(listener: (headSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async recordInbound(bodies: readonly InboundBody[]): Promise<InboundOutcome[]> {
    const outcomes = this.write(() => recordInboundGroupSync(this.db, bodies));
    this.notify(outcomes.flatMap((outcome) => (outcome.ok ? outcome.result.appended : [])));
    return outcomes;
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return getConversationSync(this.db, conversationId);
  }

  async applyProfile(profile: ProfileRecord, conversationId: string): Promise<RelayEvent[]> {
    return this.writeEvents(() => applyProfileSync(this.db, profile, conversationId));
  }

  async getProfile(channel: Channel, profileKey: string): Promise<ProfileRecord | null> {
    return getProfileSync(this.db, channel, profileKey);
  }

  async lastCustomerMessageAt(conversationId: string): Promise<number | null> {
    return lastCustomerMessageAtSync(this.db, conversationId);
  }

  async beginReplySend(input: BeginReplySendInput): Promise<BeginReplySendResult> {
    return this.writeAndNotify(() => beginReplySendSync(this.db, input));
  }

  async claimHeldReplies(conversationId: string, now: number, maxMessages: number): Promise<ClaimedReplyBatch | null> {
    // Nearly every webhook brings a token and finds nothing held: a plain read spares it a second write
    // transaction. A reply held just after this read waits for the next token, as if it came later.
    const anyHeld = statement(this.db, `SELECT 1 FROM outbound_messages WHERE conversation_id = ? AND delivery = 'held' LIMIT 1`);
    if (anyHeld.get(conversationId) === undefined) return null;
    const { batch, appended } = this.write(() => claimHeldRepliesSync(this.db, conversationId, now, maxMessages));
    this.notify(appended);
    return batch;
  }

  async settleReplyBatch(input: SettleReplyBatchInput): Promise<RelayEvent[]> {
    return this.writeEvents(() => settleReplyBatchSync(this.db, input));
  }

  async beginReplyAction(input: BeginReplyActionInput): Promise<BeginReplyActionResult> {
    return this.writeAndNotify(() => beginReplyActionSync(this.db, input));
  }

  async settlePush(input: SettlePushInput): Promise<RelayEvent[]> {
    return this.writeEvents(() => settlePushSync(this.db, input));
  }

  async failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): Promise<RelayEvent[]> {
    if (!hasUnconfirmedSendsSync(this.db, input.staleBefore)) return [];
    return this.writeEvents(() => failUnconfirmedSendsSync(this.db, input));
  }

  async isQuotaBlocked(): Promise<boolean> {
    return isQuotaBlockedSync(this.db);
  }

  async recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): Promise<RelayEvent[]> {
    return this.writeEvents(() => recordQuotaPollSync(this.db, poll, plan));
  }

  async quotaSnapshot(plan: PricePlan, now: number): Promise<QuotaUpdatedPayload> {
    return quotaSnapshotSync(this.db, plan, now);
  }

  async getMutation(mutationId: string): Promise<StoredMutation | null> {
    return getMutationSync(this.db, mutationId);
  }

  async claimMutationId(input: MutationClaimInput): Promise<MutationClaimResult> {
    return existingClaimSync(this.db, input) ?? this.write(() => claimMutationIdSync(this.db, input));
  }

  async getOutboundMessage(messageId: string): Promise<OutboundMessageRecord | null> {
    const row = this.db
      .prepare(
        `SELECT message_id AS messageId, mutation_id AS mutationId, conversation_id AS conversationId, text,
                delivery, reason, reply_token AS replyToken
         FROM outbound_messages WHERE message_id = ?`,
      )
      .get(messageId) as OutboundMessageRecord | undefined;
    return row ?? null;
  }

  async latestRulesVersion(): Promise<number> {
    return latestRulesVersionSync(this.db);
  }

  async latestRules(): Promise<StoredRules | null> {
    return latestRulesSync(this.db);
  }

  async saveRules(input: SaveRulesInput): Promise<SaveRulesResult> {
    return this.writeAndNotify(() => saveRulesSync(this.db, input));
  }

  async setPresence(input: PresenceInput): Promise<void> {
    this.write(() => setPresenceSync(this.db, input));
  }

  async beginAutoReply(input: BeginReplySendInput): Promise<BeginAutoReplyResult> {
    const { result, appended } = this.write(() => {
      // Checked inside the write lock: a typing report committed by another process is seen here.
      const repeat = getMutationSync(this.db, input.mutationId);
      if (repeat) return { result: { kind: 'repeat' as const, mutation: repeat }, appended: [] };
      const typingAgents = typingAgentsSync(this.db, input.conversationId, input.now);
      if (typingAgents.length > 0) {
        return { result: { kind: 'skipped' as const, reason: 'agent_typing' as const, typingAgents }, appended: [] };
      }
      // An automatic answer is only worth sending free and at once; it is never held for later.
      if (!hasFreeWindowSync(this.db, input.conversationId, input.now)) {
        return { result: { kind: 'skipped' as const, reason: 'no_fresh_token' as const, typingAgents }, appended: [] };
      }
      return beginReplySendSync(this.db, { ...input, auto: true });
    });
    this.notify(appended);
    return result;
  }

  async applyTagMutation(input: TagMutationInput): Promise<TagMutationAck> {
    const { answer, appended } = this.write(() => applyTagMutationSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  async recordSuggestionFeedback(input: SuggestionFeedbackInput): Promise<MutationAck> {
    const { answer, appended } = this.write(() => recordSuggestionFeedbackSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  async reviewSuggestionFeedback(input: SuggestionReviewInput): Promise<MutationAck> {
    const { answer, appended } = this.write(() => reviewSuggestionFeedbackSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  async segmentMembers(query: SegmentQuery): Promise<SegmentMember[] | { unknownTags: string[] }> {
    return segmentMembersSync(this.db, query);
  }

  async friendTagNames(friendId: string): Promise<string[]> {
    return friendTagNamesSync(this.db, friendId);
  }

  async beginMarkRead(input: { mutationId: string; conversationId: string; agentName: string; now: number }): Promise<BeginMarkReadResult> {
    return this.write(() => beginMarkReadSync(this.db, input));
  }

  async claimTypingIndicator(input: { conversationId: string; now: number; throttleMs: number }): Promise<TypingIndicatorClaim | null> {
    return this.write(() => claimTypingIndicatorSync(this.db, input));
  }

  async latestCatalog(): Promise<StoredCatalog | null> {
    return latestCatalogSync(this.db);
  }

  async saveCatalog(input: SaveCatalogInput): Promise<SaveRulesResult> {
    return this.writeAndNotify(() => saveCatalogSync(this.db, input));
  }

  async beginOrderCreate(input: BeginOrderCreateInput): Promise<BeginOrderCreateResult> {
    return this.writeAndNotify(() => beginOrderCreateSync(this.db, input));
  }

  async beginOrderSendSummary(input: BeginOrderSendSummaryInput): Promise<BeginOrderCreateResult> {
    return this.writeAndNotify(() => beginOrderSendSummarySync(this.db, input));
  }

  async setOrderStatus(input: SetOrderStatusInput): Promise<MutationAck> {
    return this.writeAndNotify(() => setOrderStatusSync(this.db, input));
  }

  async queueDueReminders(input: QueueRemindersInput): Promise<QueuedReminders> {
    if (!hasDueRemindersSync(this.db, input.now)) return { queued: 0, pushes: [] };
    return this.writeAndNotify(() => queueDueRemindersSync(this.db, input));
  }

  async recordPaymentNotification(input: PaymentNotificationInput): Promise<PaymentNotificationResult> {
    return this.writeAndNotify(() => recordPaymentNotificationSync(this.db, input));
  }

  async getOrder(orderId: string): Promise<OrderRecord | null> {
    return getOrderSync(this.db, orderId);
  }

  async insertAgentToken(token: AgentTokenRecord): Promise<void> {
    this.write(() => insertAgentTokenSync(this.db, token));
  }

  async findAgentToken(tokenHash: string): Promise<AgentTokenRecord | null> {
    return findAgentTokenSync(this.db, tokenHash);
  }

  async findAgentTokens(tokenHashes: readonly string[]): Promise<AgentTokenRecord[]> {
    return findAgentTokensSync(this.db, tokenHashes);
  }

  async revokeAgentTokens(name: string, revokedAt: number): Promise<number> {
    return this.write(() => revokeAgentTokensSync(this.db, name, revokedAt));
  }

  async listAgentTokens(): Promise<AgentTokenRecord[]> {
    return listAgentTokensSync(this.db);
  }

  async applyWorkflowMutation(input: WorkflowMutationInput): Promise<MutationAck> {
    const { answer, appended } = this.write(() => applyWorkflowMutationSync(this.db, input));
    this.notify(appended);
    return answer;
  }

  async getConversationWorkflow(conversationId: string): Promise<ConversationWorkflowRecord> {
    return conversationWorkflowSync(this.db, conversationId);
  }

  async latestInboxSettings(): Promise<StoredInboxSettings | null> {
    return latestInboxSettingsSync(this.db);
  }

  async saveInboxSettings(input: SaveInboxSettingsInput): Promise<SaveRulesResult> {
    return this.writeAndNotify(() => saveInboxSettingsSync(this.db, input));
  }

  async touchAgentSession(input: AgentSessionInput): Promise<void> {
    this.write(() => touchAgentSessionSync(this.db, input));
  }

  async endAgentSession(sessionId: string): Promise<void> {
    this.write(() => endAgentSessionSync(this.db, sessionId));
  }

  async teamMembers(now: number): Promise<TeamMember[]> {
    return teamMembersSync(this.db, now);
  }

  async createTokenByMutation(input: TokenCreateByMutationInput): Promise<TokenMutationResult> {
    return this.write(() => createTokenByMutationSync(this.db, input));
  }

  async revokeTokensByMutation(input: TokenRevokeByMutationInput): Promise<TokenMutationResult> {
    return this.write(() => revokeTokensByMutationSync(this.db, input));
  }

  async teamReportEvents(from: number, to: number): Promise<TeamReportSourceEvent[]> {
    return teamReportEventsSync(this.db, from, to);
  }

  async recordUpload(record: UploadRecord): Promise<UploadRecord> {
    return this.write(() => recordUploadSync(this.db, record));
  }

  async getUpload(uploadId: string): Promise<UploadRecord | null> {
    return getUploadSync(this.db, uploadId);
  }

  async getUploadByPublicId(publicId: string): Promise<UploadRecord | null> {
    return getUploadByPublicIdSync(this.db, publicId);
  }

  async claimMediaDownload(input: { now: number; leaseMs: number; owner: string }): Promise<MediaDownloadJob | null> {
    // Most looks find nothing due: a plain read spares them a write transaction.
    const due = nextMediaDueAtSync(this.db);
    if (due === null || due > input.now) return null;
    return this.write(() => claimMediaDownloadSync(this.db, input));
  }

  async finishMediaDownload(input: FinishMediaDownloadInput): Promise<FinishMediaDownloadResult> {
    const result = this.write(() => finishMediaDownloadSync(this.db, input));
    this.notify(result.appended);
    return result;
  }

  async getMedia(mediaId: string): Promise<StoredMediaRecord | null> {
    return getMediaSync(this.db, mediaId);
  }

  async mediaBytesStored(): Promise<number> {
    return mediaBytesStoredSync(this.db);
  }

  async nextMediaDueAt(): Promise<number | null> {
    return nextMediaDueAtSync(this.db);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }
}
