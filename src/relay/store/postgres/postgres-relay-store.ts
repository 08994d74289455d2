import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Channel, MutationAck, NewRelayEvent, PricePlan, QuotaUpdatedPayload, RelayEvent, TagMutationAck } from '../../../shared/protocol';
import type { InboundBody, InboundOutcome, ProfileRecord } from '../channel-store-types';
import type {
  AgentTokenRecord,
  BeginAutoReplyResult,
  BeginMarkReadResult,
  BeginOrderCreateInput,
  BeginOrderCreateResult,
  BeginOrderSendSummaryInput,
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
  SetOrderStatusInput,
  SettlePushInput,
  SettleReplyBatchInput,
  StoredCatalog,
  StoredMutation,
  StoredRules,
  TagMutationInput,
  TypingIndicatorClaim,
} from '../relay-store';
import type { TeamMember } from '../../../shared/protocol';
import type { FinishMediaDownloadInput, FinishMediaDownloadResult, MediaDownloadJob, StoredMediaRecord, UploadRecord } from '../media-store-types';
import { SETTINGS } from '../sqlite-team-admin';
import type { SuggestionFeedbackInput, SuggestionReviewInput } from '../suggestion-learning-store-types';
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
} from '../workflow-store-types';
import * as media from './pg-media';
import * as learning from './pg-suggestion-learning';
import * as team from './pg-team-admin';
import { applyWorkflowMutation, conversationWorkflow, lockWorkflowMutation } from './pg-workflow';
import { CATALOG } from '../sqlite-catalog';
import { RULES } from '../sqlite-rules';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from '../sqlite-window-claims';
import type { WebchatStore } from '../webchat-store-types';
import * as tokens from './pg-agent-tokens';
import { latestCatalog } from './pg-catalog';
import { createPool, eventsChannel } from './pg-connection';
import type { PostgresTarget } from './pg-url';
import * as conversations from './pg-conversations';
import { headSeq, readEvents } from './pg-event-log';
import { recordInboundGroup } from './pg-inbound';
import { listenForHead } from './pg-live-events';
import { LATEST_PG_SCHEMA_VERSION, migratePostgres } from './pg-migrate';
import { claimMutationId, existingClaim } from './pg-mutation-claims';
import { hasDueReminders, queueDueReminders } from './pg-order-reminders';
import { getOrder } from './pg-order-queries';
import { beginOrderSendSummary } from './pg-order-summary';
import { beginOrderCreate, setOrderStatus } from './pg-orders';
import { recordPaymentNotification } from './pg-payments';
import { setPresence, typingAgents } from './pg-presence';
import * as quota from './pg-quota';
import { poolReader } from './pg-reader';
import { query } from './pg-query';
import { beginMarkRead, claimTypingIndicator } from './pg-read-and-typing';
import { beginReplyAction, outboundRow, settlePush } from './pg-reply-actions';
import { beginReplySend, claimHeldReplies, getMutation, hasFreeWindow, lockMutation, settleReplyBatch } from './pg-replies';
import { applyTagMutation, friendTagNames, segmentMembers } from './pg-tags';
import { inTransaction, LOCKS, type CommittedWork, type PgTx } from './pg-transaction';
import { failUnconfirmedSends, hasUnconfirmedSends } from './pg-unconfirmed-sends';
import { latestDocument, latestVersion, saveDocument } from './pg-versioned-documents';
import { createPostgresWebchatStore } from './pg-webchat';

export interface PostgresStoreOptions {
  settings?: ChannelSettings;
  /** Connections this process keeps open for its transactions (plus one for notifications). */
  poolSize?: number;
  /** Where a lost notification connection is reported. */
  onProblem?: (message: string) => void;
  /** Listen for other processes' events (default true; one-shot tools like the CLI turn it off). */
  listen?: boolean;
}

/**
 * The production relay store: PostgreSQL shared by any number of relay processes (ADR 0012). Every method is
 * one transaction (pg-transaction.ts) or a plain read; events appended by any process reach this one's
 * listeners through LISTEN/NOTIFY of the new head seq.
 */
export class PostgresRelayStore implements RelayStore {
  readonly webchat: WebchatStore;
  private readonly listeners = new Set<(headSeq: number) => void>();
  private readonly reader: PgTx;
  private readonly channel: string;
  private announcedHead = 0;
  private listener: ReturnType<typeof listenForHead> | null = null;

  private constructor(
    readonly pool: pg.Pool,
    readonly target: PostgresTarget,
    readonly relayId: string,
    private readonly settings: ChannelSettings,
  ) {
    this.channel = eventsChannel(target.schema);
    this.reader = poolReader(pool, target.schema, settings);
    this.webchat = createPostgresWebchatStore(pool, async (work) => (await this.write(work)).result);
  }

  /** Connects, migrates (relays starting together queue on an advisory lock) and starts listening for events. */
  static async open(target: PostgresTarget, options: PostgresStoreOptions = {}): Promise<PostgresRelayStore> {
    const pool = createPool(target, options.poolSize ?? 10);
    try {
      const client = await pool.connect();
      let relayId: string;
      try {
        await migratePostgres(client, target.schema);
        await client.query(`INSERT INTO relay_meta (key, value) VALUES ('relay_id', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
        relayId = (await client.query<{ value: string }>(`SELECT value FROM relay_meta WHERE key = 'relay_id'`)).rows[0]!.value;
      } finally {
        client.release();
      }
      const store = new PostgresRelayStore(pool, target, relayId, options.settings ?? DEFAULT_CHANNEL_SETTINGS);
      if (options.listen !== false) store.listener = listenForHead(target, store.channel, (seq) => store.announce(seq), options.onProblem ?? (() => undefined));
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      // Say where it looked (never the password): the driver's own message names neither database nor schema.
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot open the relay's PostgreSQL store at ${target.displayName} (schema ${target.schema}): ${reason}`, { cause: error });
    }
  }

  /** For /healthz: where the store lives and whether this process hears other processes' events. */
  async describe(): Promise<{ backend: 'postgres'; database: string; schema: string; schemaVersion: number; notifications: boolean }> {
    const row = await this.reader.row<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
    return {
      backend: 'postgres',
      database: this.target.displayName,
      schema: this.target.schema,
      schemaVersion: row?.version ?? LATEST_PG_SCHEMA_VERSION,
      notifications: this.listener?.connected() ?? false,
    };
  }

  private announce(seq: number): void {
    if (seq <= this.announcedHead) return;
    this.announcedHead = seq;
    for (const listener of this.listeners) listener(seq);
  }

  private async write<T>(work: (tx: PgTx) => Promise<T>): Promise<CommittedWork<T>> {
    const committed = await inTransaction(this.pool, { schema: this.target.schema, settings: this.settings, channel: this.channel }, work);
    const last = committed.appended[committed.appended.length - 1];
    if (last) this.announce(last.seq);
    return committed;
  }

  private async writeResult<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return (await this.write(work)).result;
  }

  private async writeEvents(work: (tx: PgTx) => Promise<void>): Promise<RelayEvent[]> {
    return (await this.write(work)).appended;
  }

  headSeq(): Promise<number> {
    return headSeq(this.pool);
  }

  readEvents(afterSeq: number, limit: number): Promise<RelayEvent[]> {
    return readEvents(this.pool, afterSeq, limit);
  }

  appendEvents(events: NewRelayEvent[]): Promise<RelayEvent[]> {
    return this.writeEvents(async (tx) => tx.emit(events));
  }

  onEventsAppended(listener: (headSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async recordInbound(bodies: readonly InboundBody[]): Promise<InboundOutcome[]> {
    const { result, appended } = await this.write((tx) => recordInboundGroup(tx, bodies));
    return result.map((outcome): InboundOutcome => {
      if (!outcome.ok) return outcome;
      return { ok: true, result: { ...outcome.result, appended: appended.slice(outcome.emitted.from, outcome.emitted.to) } };
    });
  }

  getConversation(conversationId: string): Promise<ConversationRecord | null> {
    return conversations.getConversation(this.reader, conversationId);
  }

  applyProfile(profile: ProfileRecord, conversationId: string): Promise<RelayEvent[]> {
    return this.writeEvents((tx) => conversations.applyProfile(tx, profile, conversationId));
  }

  getProfile(channel: Channel, profileKey: string): Promise<ProfileRecord | null> {
    return conversations.getProfile(this.reader, channel, profileKey);
  }

  lastCustomerMessageAt(conversationId: string): Promise<number | null> {
    return conversations.lastCustomerMessageAt(this.reader, conversationId);
  }

  beginReplySend(input: BeginReplySendInput): Promise<BeginReplySendResult> {
    return this.writeResult(async (tx) => {
      const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
      return repeat ? { kind: 'repeat', mutation: repeat } : beginReplySend(tx, input);
    });
  }

  async claimHeldReplies(conversationId: string, now: number, maxMessages: number): Promise<ClaimedReplyBatch | null> {
    // Nearly every webhook brings a token and finds nothing held: a plain read spares it a transaction.
    const anyHeld = await this.reader.row(`SELECT 1 FROM outbound_messages WHERE conversation_id = $1 AND delivery = 'held' LIMIT 1`, [conversationId]);
    if (!anyHeld) return null;
    return this.writeResult(async (tx) => {
      await tx.lock(LOCKS.conversation(conversationId));
      return claimHeldReplies(tx, conversationId, now, maxMessages);
    });
  }

  settleReplyBatch(input: SettleReplyBatchInput): Promise<RelayEvent[]> {
    return this.writeEvents((tx) => settleReplyBatch(tx, input));
  }

  beginReplyAction(input: BeginReplyActionInput): Promise<BeginReplyActionResult> {
    return this.writeResult(async (tx) => {
      await tx.lock(LOCKS.mutation(input.mutationId));
      const repeat = await getMutation(tx, input.mutationId);
      if (repeat) return { kind: 'repeat', mutation: repeat };
      const seen = await outboundRow(tx, input.messageId);
      if (seen) await tx.lock(LOCKS.conversation(seen.conversation_id));
      return beginReplyAction(tx, input, seen ? await outboundRow(tx, input.messageId) : undefined);
    });
  }

  settlePush(input: SettlePushInput): Promise<RelayEvent[]> {
    return this.writeEvents((tx) => settlePush(tx, input));
  }

  async failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): Promise<RelayEvent[]> {
    if (!(await hasUnconfirmedSends(this.pool, input.staleBefore))) return [];
    return this.writeEvents((tx) => failUnconfirmedSends(tx, input));
  }

  getMutation(mutationId: string): Promise<StoredMutation | null> {
    return getMutation(this.reader, mutationId);
  }

  async claimMutationId(input: MutationClaimInput): Promise<MutationClaimResult> {
    return (await existingClaim(this.reader, input)) ?? this.writeResult((tx) => claimMutationId(tx, input));
  }

  isQuotaBlocked(): Promise<boolean> {
    return quota.isQuotaBlocked(this.reader);
  }

  recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): Promise<RelayEvent[]> {
    return this.writeEvents((tx) => quota.recordQuotaPoll(tx, poll, plan));
  }

  quotaSnapshot(plan: PricePlan, now: number): Promise<QuotaUpdatedPayload> {
    return quota.quotaSnapshot(this.reader, plan, now);
  }

  async getOutboundMessage(messageId: string): Promise<OutboundMessageRecord | null> {
    const row = await this.reader.row<OutboundMessageRecord>(
      `SELECT message_id AS "messageId", mutation_id AS "mutationId", conversation_id AS "conversationId", text,
              delivery, reason, reply_token AS "replyToken"
       FROM outbound_messages WHERE message_id = $1`,
      [messageId],
    );
    return row ?? null;
  }

  latestRulesVersion(): Promise<number> {
    return latestVersion(this.reader, RULES);
  }

  async latestRules(): Promise<StoredRules | null> {
    const stored = await latestDocument(this.reader, RULES);
    return stored ? { version: stored.version, rules: stored.document, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt } : null;
  }

  async saveRules(input: SaveRulesInput): Promise<SaveRulesResult> {
    return { answer: await this.writeResult((tx) => saveDocument(tx, RULES, { ...input, document: input.rules })) };
  }

  async setPresence(input: PresenceInput): Promise<void> {
    await this.write((tx) => setPresence(tx, input));
  }

  beginAutoReply(input: BeginReplySendInput): Promise<BeginAutoReplyResult> {
    return this.writeResult(async (tx): Promise<BeginAutoReplyResult> => {
      const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
      if (repeat) return { kind: 'repeat', mutation: repeat };
      // Read under the conversation's lock: a typing report committed by any relay process is seen here.
      const typing = await typingAgents(tx, input.conversationId, input.now);
      if (typing.length > 0) return { kind: 'skipped', reason: 'agent_typing', typingAgents: typing };
      if (!(await hasFreeWindow(tx, input.conversationId, input.now))) return { kind: 'skipped', reason: 'no_fresh_token', typingAgents: typing };
      return beginReplySend(tx, { ...input, auto: true });
    });
  }

  applyTagMutation(input: TagMutationInput): Promise<TagMutationAck> {
    return this.writeResult((tx) => applyTagMutation(tx, input));
  }

  segmentMembers(segment: SegmentQuery): Promise<SegmentMember[] | { unknownTags: string[] }> {
    return segmentMembers(this.reader, segment);
  }

  friendTagNames(friendId: string): Promise<string[]> {
    return friendTagNames(this.reader, friendId);
  }

  beginMarkRead(input: { mutationId: string; conversationId: string; agentName: string; now: number }): Promise<BeginMarkReadResult> {
    return this.writeResult(async (tx) => {
      const repeat = await lockMutation(tx, input.mutationId, input.conversationId);
      return repeat ? { kind: 'repeat', mutation: repeat } : beginMarkRead(tx, input);
    });
  }

  claimTypingIndicator(input: { conversationId: string; now: number; throttleMs: number }): Promise<TypingIndicatorClaim | null> {
    return this.writeResult((tx) => claimTypingIndicator(tx, input));
  }

  latestCatalog(): Promise<StoredCatalog | null> {
    return latestCatalog(this.reader);
  }

  async saveCatalog(input: SaveCatalogInput): Promise<SaveRulesResult> {
    return { answer: await this.writeResult((tx) => saveDocument(tx, CATALOG, { ...input, document: input.catalog })) };
  }

  beginOrderCreate(input: BeginOrderCreateInput): Promise<BeginOrderCreateResult> {
    return this.writeResult(async (tx) => {
      const repeat = await lockMutation(tx, input.mutationId, input.payload.conversationId);
      return repeat ? { kind: 'repeat', mutation: repeat } : beginOrderCreate(tx, input);
    });
  }

  beginOrderSendSummary(input: BeginOrderSendSummaryInput): Promise<BeginOrderCreateResult> {
    return this.writeResult(async (tx) => {
      const repeat = await lockMutation(tx, input.mutationId, null);
      if (repeat) return { kind: 'repeat', mutation: repeat };
      return beginOrderSendSummary(tx, input, await this.lockedOrder(tx, input.orderId));
    });
  }

  setOrderStatus(input: SetOrderStatusInput): Promise<MutationAck> {
    return this.writeResult(async (tx) => {
      const repeat = await lockMutation(tx, input.mutationId, null);
      if (repeat?.answer) return repeat.answer;
      return setOrderStatus(tx, input, await this.lockedOrder(tx, input.orderId));
    });
  }

  /** The order read again after its conversation is locked (order mutations decide from its current state). */
  private async lockedOrder(tx: PgTx, orderId: string): Promise<OrderRecord | null> {
    const seen = await getOrder(tx, orderId);
    if (!seen) return null;
    await tx.lock(LOCKS.conversation(seen.conversationId));
    return getOrder(tx, orderId);
  }

  async queueDueReminders(input: QueueRemindersInput): Promise<QueuedReminders> {
    if (!(await hasDueReminders(this.pool, input.now))) return { queued: 0, pushes: [] };
    return this.writeResult((tx) => queueDueReminders(tx, input));
  }

  recordPaymentNotification(input: PaymentNotificationInput): Promise<PaymentNotificationResult> {
    return this.writeResult((tx) => recordPaymentNotification(tx, input));
  }

  getOrder(orderId: string): Promise<OrderRecord | null> {
    return getOrder(this.reader, orderId);
  }

  async insertAgentToken(token: AgentTokenRecord): Promise<void> {
    await this.write((tx) => tokens.insertAgentToken(tx, token));
  }

  async findAgentToken(tokenHash: string): Promise<AgentTokenRecord | null> {
    return (await tokens.findAgentTokens(this.reader, [tokenHash]))[0] ?? null;
  }

  findAgentTokens(tokenHashes: readonly string[]): Promise<AgentTokenRecord[]> {
    return tokens.findAgentTokens(this.reader, tokenHashes);
  }

  revokeAgentTokens(name: string, revokedAt: number): Promise<number> {
    return this.writeResult((tx) => tokens.revokeAgentTokens(tx, name, revokedAt));
  }

  listAgentTokens(): Promise<AgentTokenRecord[]> {
    return tokens.listAgentTokens(this.reader);
  }

  async recordSuggestionFeedback(input: SuggestionFeedbackInput): Promise<MutationAck> {
    return this.writeResult((tx) => learning.recordSuggestionFeedback(tx, input));
  }

  async reviewSuggestionFeedback(input: SuggestionReviewInput): Promise<MutationAck> {
    return this.writeResult((tx) => learning.reviewSuggestionFeedback(tx, input));
  }

  applyWorkflowMutation(input: WorkflowMutationInput): Promise<MutationAck> {
    return this.writeResult(async (tx) => {
      await lockWorkflowMutation(tx, input);
      return applyWorkflowMutation(tx, input);
    });
  }

  getConversationWorkflow(conversationId: string): Promise<ConversationWorkflowRecord> {
    return conversationWorkflow(this.reader, conversationId);
  }

  latestInboxSettings(): Promise<StoredInboxSettings | null> {
    return team.latestInboxSettings(this.reader);
  }

  async saveInboxSettings(input: SaveInboxSettingsInput): Promise<SaveRulesResult> {
    return { answer: await this.writeResult((tx) => saveDocument(tx, SETTINGS, { ...input, document: input.settings })) };
  }

  async touchAgentSession(input: AgentSessionInput): Promise<void> {
    await this.write((tx) => team.touchAgentSession(tx, input));
  }

  async endAgentSession(sessionId: string): Promise<void> {
    await this.write((tx) => team.endAgentSession(tx, sessionId));
  }

  teamMembers(now: number): Promise<TeamMember[]> {
    return team.teamMembers(this.reader, now);
  }

  createTokenByMutation(input: TokenCreateByMutationInput): Promise<TokenMutationResult> {
    return this.writeResult((tx) => team.createTokenByMutation(tx, input));
  }

  revokeTokensByMutation(input: TokenRevokeByMutationInput): Promise<TokenMutationResult> {
    return this.writeResult((tx) => team.revokeTokensByMutation(tx, input));
  }

  teamReportEvents(from: number, to: number): Promise<TeamReportSourceEvent[]> {
    return team.teamReportEvents(this.reader, from, to);
  }

  recordUpload(record: UploadRecord): Promise<UploadRecord> {
    return this.writeResult((tx) => media.recordUpload(tx, record));
  }

  getUpload(uploadId: string): Promise<UploadRecord | null> {
    return media.getUpload(this.reader, uploadId);
  }

  getUploadByPublicId(publicId: string): Promise<UploadRecord | null> {
    return media.getUploadByPublicId(this.reader, publicId);
  }

  async claimMediaDownload(input: { now: number; leaseMs: number; owner: string }): Promise<MediaDownloadJob | null> {
    // Most looks find nothing due: a plain read spares them a transaction.
    const due = await media.nextMediaDueAt(this.reader);
    if (due === null || due > input.now) return null;
    return this.writeResult((tx) => media.claimMediaDownload(tx, input));
  }

  async finishMediaDownload(input: FinishMediaDownloadInput): Promise<FinishMediaDownloadResult> {
    const { result, appended } = await this.write((tx) => media.finishMediaDownload(tx, input));
    return { ...result, appended };
  }

  getMedia(mediaId: string): Promise<StoredMediaRecord | null> {
    return media.getMedia(this.reader, mediaId);
  }

  mediaBytesStored(): Promise<number> {
    return media.mediaBytesStored(this.reader);
  }

  nextMediaDueAt(): Promise<number | null> {
    return media.nextMediaDueAt(this.reader);
  }

  /** One statement on the pool (leases, health probes). */
  async ping(): Promise<void> {
    await query(this.pool, 'SELECT 1');
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.listener?.stop();
    await this.pool.end().catch(() => undefined);
  }
}
