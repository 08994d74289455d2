import type {
  Channel,
  MutationAck,
  NewRelayEvent,
  PricePlan,
  QuotaUpdatedPayload,
  RelayEvent,
  TagMutationAck,
  TeamMember,
} from '../../shared/protocol';
import type { InboundBody, InboundOutcome, ProfileRecord } from './channel-store-types';
import type { WebchatStore } from './webchat-store-types';
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
import type { MediaStore } from './media-store-types';
import type { SuggestionFeedbackInput, SuggestionReviewInput } from './suggestion-learning-store-types';
import type {
  BeginOrderCreateInput,
  BeginOrderCreateResult,
  BeginOrderSendSummaryInput,
  OrderRecord,
  PaymentNotificationInput,
  PaymentNotificationResult,
  QueuedReminders,
  QueueRemindersInput,
  SaveCatalogInput,
  SetOrderStatusInput,
  StoredCatalog,
} from './order-store-types';
import type {
  AgentTokenRecord,
  BeginAutoReplyResult,
  BeginMarkReadResult,
  BeginReplyActionInput,
  BeginReplyActionResult,
  BeginReplySendInput,
  BeginReplySendResult,
  ClaimedReplyBatch,
  ConversationRecord,
  MutationClaimInput,
  MutationClaimResult,
  OutboundMessageRecord,
  PresenceInput,
  QuotaPoll,
  SaveRulesInput,
  SaveRulesResult,
  SegmentMember,
  SegmentQuery,
  SettlePushInput,
  SettleReplyBatchInput,
  StoredMutation,
  StoredRules,
  TagMutationInput,
  TypingIndicatorClaim,
} from './relay-store-records';

export type * from './order-store-types';
export type * from './channel-store-types';
export type * from './webchat-store-types';
export type * from './workflow-store-types';
export type * from './media-store-types';
export type * from './suggestion-learning-store-types';
export type * from './relay-store-records';

/**
 * Everything the relay persists, as atomic operations, for every channel (ADR 0005). Each method is one
 * transaction, so any number of relay processes sharing the store stay correct. Every method returns a Promise,
 * so a networked backend fits the same interface; the SQLite backend (src/relay/store/sqlite-*) runs its
 * transaction when called and resolves with the result, the PostgreSQL one (src/relay/store/postgres/, ADR 0012)
 * runs one BEGIN … COMMIT. Adding a method: src/relay/store/postgres/README.md.
 */
export interface RelayStore extends MediaStore {
  /** Stable id of this event log; changes only when the log is recreated. */
  readonly relayId: string;

  // ── event log ──
  headSeq(): Promise<number>;
  readEvents(afterSeq: number, limit: number): Promise<RelayEvent[]>;
  appendEvents(events: NewRelayEvent[]): Promise<RelayEvent[]>;
  /**
   * Called after every commit that appended events: this process's at once; on PostgreSQL also other relay
   * processes' (LISTEN/NOTIFY, ADR 0014), while on SQLite those are found by the feeds' polling.
   */
  onEventsAppended(listener: (headSeq: number) => void): () => void;

  // ── inbound, every channel ──
  /**
   * Group commit: several bodies (webhooks, visitor frames) in ONE transaction, each in its own savepoint, so a
   * body that fails is rolled back alone and reported in its slot while the others commit. Rejects only when
   * the group as a whole could not commit (then nothing of it is stored).
   */
  recordInbound(bodies: readonly InboundBody[]): Promise<InboundOutcome[]>;

  // ── conversations and profiles ──
  getConversation(conversationId: string): Promise<ConversationRecord | null>;
  /** Saves the profile and, when the conversation's name or picture changed, appends conversation.upserted. */
  applyProfile(profile: ProfileRecord, conversationId: string): Promise<RelayEvent[]>;
  getProfile(channel: Channel, profileKey: string): Promise<ProfileRecord | null>;
  /** Messenger/Instagram: the customer's last message time (Meta's clock), which their windows run from. */
  lastCustomerMessageAt(conversationId: string): Promise<number | null>;

  // ── replies ──
  beginReplySend(input: BeginReplySendInput): Promise<BeginReplySendResult>;
  /** Claims a fresh token for the conversation's held replies (oldest first, at most `maxMessages`). */
  claimHeldReplies(conversationId: string, now: number, maxMessages: number): Promise<ClaimedReplyBatch | null>;
  settleReplyBatch(input: SettleReplyBatchInput): Promise<RelayEvent[]>;
  /** reply.cancel / reply.edit finish in the transaction; reply.push claims the item for a push. */
  beginReplyAction(input: BeginReplyActionInput): Promise<BeginReplyActionResult>;
  settlePush(input: SettlePushInput): Promise<RelayEvent[]>;
  /** Replies `sending` since before `staleBefore` (their relay died mid-send) become `failed` with `reason`. */
  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): Promise<RelayEvent[]>;
  getMutation(mutationId: string): Promise<StoredMutation | null>;
  /**
   * Takes a mutation id for this agent (by name), type and payload before the mutation is applied, or
   * recognises the agent's own repeat; another agent's id, or another type or payload → ID_REUSED.
   */
  claimMutationId(input: MutationClaimInput): Promise<MutationClaimResult>;

  // ── quota ──
  isQuotaBlocked(): Promise<boolean>;
  /** Stores a poll of LINE's quota; appends quota.updated when something changed. */
  recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): Promise<RelayEvent[]>;
  quotaSnapshot(plan: PricePlan, now: number): Promise<QuotaUpdatedPayload>;
  getOutboundMessage(messageId: string): Promise<OutboundMessageRecord | null>;

  // ── reply-suggestion rules, typing presence, auto-replies ──
  /** 0 when no rules were ever saved. */
  latestRulesVersion(): Promise<number>;
  latestRules(): Promise<StoredRules | null>;
  saveRules(input: SaveRulesInput): Promise<SaveRulesResult>;
  setPresence(input: PresenceInput): Promise<void>;
  /**
   * Like beginReplySend for the relay's own answer to a customer message: skipped (nothing stored) when an
   * agent is typing in the conversation; the mutation id derived from the customer message makes it once-only.
   */
  beginAutoReply(input: BeginReplySendInput): Promise<BeginAutoReplyResult>;

  // ── tags (src/relay/store/sqlite-tags.ts) ──
  /** Applies one tag mutation (or returns the stored answer of a repeated id) in one transaction. */
  applyTagMutation(input: TagMutationInput): Promise<TagMutationAck>;
  segmentMembers(query: SegmentQuery): Promise<SegmentMember[] | { unknownTags: string[] }>;
  friendTagNames(friendId: string): Promise<string[]>;
  // ── LINE read receipts and typing indicator ──
  /** conversation.markRead: records the answer and takes the newest unused markAsReadToken, in one transaction. */
  beginMarkRead(input: { mutationId: string; conversationId: string; agentName: string; now: number }): Promise<BeginMarkReadResult>;
  /**
   * Takes the right to show LINE's typing indicator in a one-to-one chat now: only while its free reply
   * window is open and not within `throttleMs` of the last time (by any relay process). null = not now.
   */
  claimTypingIndicator(input: { conversationId: string; now: number; throttleMs: number }): Promise<TypingIndicatorClaim | null>;

  // ── quick cart: the catalog document and orders (sqlite-catalog.ts, sqlite-orders.ts) ──
  latestCatalog(): Promise<StoredCatalog | null>;
  saveCatalog(input: SaveCatalogInput): Promise<SaveRulesResult>;
  /**
   * order.create: stores the order, its number, its reminder schedule, the order.created event and (when
   * asked) the summary message with its delivery decided like a reply's — all in one transaction with the
   * mutation's answer. A repeated id gets the stored answer (or waits while it is `pending`).
   */
  beginOrderCreate(input: BeginOrderCreateInput): Promise<BeginOrderCreateResult>;
  /**
   * order.sendSummary: a new summary for an order awaiting payment whose summary is absent, failed or
   * cancelled, decided like a reply's and made the order's summary — in one transaction with the answer.
   */
  beginOrderSendSummary(input: BeginOrderSendSummaryInput): Promise<BeginOrderCreateResult>;
  /** order.setStatus (mutationId set) — paid/cancelled also cancel every reminder not yet sent. */
  setOrderStatus(input: SetOrderStatusInput): Promise<MutationAck>;
  /** Queues every due payment reminder of unpaid orders (each once, across relay processes). */
  queueDueReminders(input: QueueRemindersInput): Promise<QueuedReminders>;
  /** A verified payment notification: stored once per transaction id; pays the order. */
  recordPaymentNotification(input: PaymentNotificationInput): Promise<PaymentNotificationResult>;
  getOrder(orderId: string): Promise<OrderRecord | null>;

  // ── learning from the team (sqlite-suggestion-learning.ts) ──
  /** suggestion.feedback: the verdict, its event and the answer in one transaction (the customer's text from the log). */
  recordSuggestionFeedback(input: SuggestionFeedbackInput): Promise<MutationAck>;
  /** suggestion.review: a lead keeps or removes a learned example, in one transaction. */
  reviewSuggestionFeedback(input: SuggestionReviewInput): Promise<MutationAck>;

  // ── agent tokens ──
  insertAgentToken(token: AgentTokenRecord): Promise<void>;
  findAgentToken(tokenHash: string): Promise<AgentTokenRecord | null>;
  /** The current records of these tokens in one query (unknown hashes are simply absent). */
  findAgentTokens(tokenHashes: readonly string[]): Promise<AgentTokenRecord[]>;
  /** Revokes every active token with that name; returns how many. */
  revokeAgentTokens(name: string, revokedAt: number): Promise<number>;
  listAgentTokens(): Promise<AgentTokenRecord[]>;

  // ── team inbox (sqlite-workflow.ts, sqlite-team-admin.ts) ──
  /** conversation.setStatus / conversation.assign / note.add / customer.setNote with the merge rule, or the stored answer. */
  applyWorkflowMutation(input: WorkflowMutationInput): Promise<MutationAck>;
  getConversationWorkflow(conversationId: string): Promise<ConversationWorkflowRecord>;
  latestInboxSettings(): Promise<StoredInboxSettings | null>;
  saveInboxSettings(input: SaveInboxSettingsInput): Promise<SaveRulesResult>;
  /** An agent socket is connected (or still is): counts as online until `now + ttlMs`. */
  touchAgentSession(input: AgentSessionInput): Promise<void>;
  endAgentSession(sessionId: string): Promise<void>;
  teamMembers(now: number): Promise<TeamMember[]>;
  createTokenByMutation(input: TokenCreateByMutationInput): Promise<TokenMutationResult>;
  revokeTokensByMutation(input: TokenRevokeByMutationInput): Promise<TokenMutationResult>;
  /** Customer messages, replies and deliveries with `from ≤ occurredAt ≤ to`, in seq order (the team report). */
  teamReportEvents(from: number, to: number): Promise<TeamReportSourceEvent[]>;

  // ── web chat visitors (sqlite-webchat.ts; their messages come in through recordInbound) ──
  readonly webchat: WebchatStore;

  close(): Promise<void>;
}
