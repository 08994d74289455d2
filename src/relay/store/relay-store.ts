import type { ShopPushRule } from '../../shared/delivery/policy';
import type {
  Channel,
  DeliveryState,
  Mutation,
  MutationAck,
  MutationError,
  MutationType,
  NewRelayEvent,
  PricePlan,
  QuotaUpdatedPayload,
  RelayEvent,
  TagMutationAck,
} from '../../shared/protocol';
import type { SuggestionRule } from '../../shared/suggestions/rules-schema';
import type { InboundBody, InboundOutcome, ProfileRecord, SendClaim } from './channel-store-types';
import type { WebchatStore } from './webchat-store-types';
import type { TeamMember } from '../../shared/protocol';
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
import type { MediaStore, OutboundContent } from './media-store-types';
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

export type * from './order-store-types';
export type * from './channel-store-types';
export type * from './webchat-store-types';
export type * from './workflow-store-types';
export type * from './media-store-types';
export type * from './suggestion-learning-store-types';

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

export type AgentRole = 'agent' | 'lead';

export interface AgentTokenRecord {
  tokenHash: string;
  name: string;
  role: AgentRole;
  createdAt: number;
  revokedAt: number | null;
}

export interface MutationClaimInput {
  id: string;
  agentName: string;
  type: MutationType;
  /** SHA-256 (hex) of the type and the validated payload. */
  payloadHash: string;
  now: number;
}

export type MutationClaimResult =
  | { kind: 'claimed' }
  /** The same agent sent the same mutation before: apply as a repeat (the stored answer). */
  | { kind: 'repeat' }
  | { kind: 'reused'; answer: MutationError };

export interface ConversationRecord {
  id: string;
  channel: Channel;
  /** '' for LINE (one account per relay); the page / Instagram account id; `web` for web chat. */
  accountId: string;
  /** The customer (LINE user/group/room id, PSID, IGSID, web chat customer id). */
  friendId: string;
  displayName: string;
  pictureUrl: string | null;
}

export interface ReplyItem {
  messageId: string;
  mutationId: string;
  conversationId: string;
  /** The words, or a readable stand-in for content ([圖片], [貼圖], [檔案：name]). */
  text: string;
  /** A photo, file or sticker (absent: a text message). */
  content?: OutboundContent | null;
  /** LINE's quoteToken of the customer message it answers. */
  quoteToken?: string | null;
}

export interface ClaimedReplyBatch {
  conversationId: string;
  channel: Channel;
  accountId: string;
  /** Who receives it: LINE `to`, Meta recipient id (PSID/IGSID), web chat customer id. */
  recipientId: string;
  /** How it may go out, decided by the channel's window rule. */
  claim: SendClaim;
  /** Oldest first; at most MAX_ITEMS_PER_CLAIM[claim.kind]. */
  items: ReplyItem[];
}

export interface BeginReplySendInput {
  mutationId: string;
  messageId: string;
  conversationId: string;
  text: string;
  agentName: string;
  now: number;
  /** The agent's consent to push THIS message when no free reply is possible. */
  pushConsent: boolean;
  /** Used as the X-Line-Retry-Key if the policy decides to push. */
  newRetryKey: string;
  rules: readonly ShopPushRule[];
  /** The relay's own reply from an autoSend rule (flagged `auto` on message.sent). */
  auto?: boolean;
  /** A photo, file or sticker (reply.sendContent); `text` is then its stand-in. */
  content?: OutboundContent | null;
  /** The customer message it answers (its platform id); quoted when the platform can. */
  quoteOf?: string | null;
}

/** An item claimed for a counted push; its retry key is already stored. */
export interface PushItem extends ReplyItem {
  retryKey: string;
  /** LINE's `to`: the user, group or room id. */
  friendId: string;
}

export interface BeginReplyActionInput {
  mutationId: string;
  type: 'reply.cancel' | 'reply.edit' | 'reply.push';
  messageId: string;
  /** The new text (reply.edit). */
  text?: string;
  agentName: string;
  now: number;
  newRetryKey: string;
}

export type BeginReplyActionResult =
  | { kind: 'repeat'; mutation: StoredMutation }
  | { kind: 'answered'; answer: MutationAck }
  | { kind: 'push'; item: PushItem };

export interface SettlePushInput {
  item: PushItem;
  delivery: 'sent_push' | 'held' | 'failed';
  reason: string | null;
  /** LINE calls made for this settlement. */
  attempts: number;
  now: number;
  /** Set after 429 "monthly limit": stop every relay process from pushing. */
  blockQuota: boolean;
  plan: PricePlan;
  completesMutation: string | null;
}

export interface QuotaPoll {
  type: 'none' | 'limited';
  limit: number | null;
  used: number;
  polledAt: number;
}

export type BeginReplySendResult =
  /** The id was seen before: its answer is stored (or will be, while `pending`). */
  | { kind: 'repeat'; mutation: StoredMutation }
  /** Finished inside the transaction (held, unknown conversation). */
  | { kind: 'answered'; answer: MutationAck }
  /** A token was claimed: call LINE with this batch, then settle it. */
  | { kind: 'send'; batch: ClaimedReplyBatch; messageDelivery: DeliveryState; messageReason: string | null }
  /** No free reply possible and the agent consented: push it, then settle. */
  | { kind: 'push'; item: PushItem };

export interface StoredMutation {
  id: string;
  state: 'pending' | 'done';
  answer: MutationAck | null;
}

export interface SettleReplyBatchInput {
  batch: ClaimedReplyBatch;
  delivery: 'sent_free' | 'held' | 'failed';
  reason: string | null;
  now: number;
  /** The mutation waiting for this outcome, answered in the same transaction. */
  completesMutation: { id: string; messageId: string } | null;
  /** The platform's ids of the sent items (Meta `message_id`), aligned with `batch.items`. */
  platformMessageIds?: readonly (string | null)[];
}

export interface OutboundMessageRecord {
  messageId: string;
  mutationId: string;
  conversationId: string;
  text: string;
  delivery: DeliveryState;
  reason: string | null;
  replyToken: string | null;
}

export interface StoredRules {
  version: number;
  rules: SuggestionRule[];
  updatedBy: string;
  updatedAt: number;
}

export interface SaveRulesInput {
  /** The rules.save mutation id (null for seeding by a launcher). */
  mutationId: string | null;
  rules: SuggestionRule[];
  baseVersion: number;
  agentName: string;
  now: number;
}

export interface TagMutationInput {
  mutation: Extract<Mutation, { type: `tag.${string}` }>;
  agentName: string;
  now: number;
}

export interface SaveRulesResult {
  answer: MutationAck;
}

export interface PresenceInput {
  tokenHash: string;
  agentName: string;
  conversationId: string | null;
  typing: boolean;
  now: number;
  /** How long a typing report counts without being renewed. */
  ttlMs: number;
}

export type BeginAutoReplyResult =
  | BeginReplySendResult
  /** Nothing stored: an agent is typing there, or the free token is gone (an agent answered first). */
  | { kind: 'skipped'; reason: 'agent_typing' | 'no_fresh_token'; typingAgents: string[] };

export interface SegmentQuery {
  /** Tag names (normalised); at least one. */
  tags: string[];
  mode: 'and' | 'or';
}

export interface SegmentMember {
  friendId: string;
  conversationId: string | null;
  displayName: string;
  lastMessageAt: number | null;
  tags: string[];
  /** A member of a LINE group with no one-to-one chat: the group they were last seen in (`conversationId` is its). */
  groupName?: string | null;
}

export type BeginMarkReadResult =
  | { kind: 'repeat'; mutation: StoredMutation }
  /** The answer is stored; call LINE with `token` when there is one (already marked used). */
  | { kind: 'answered'; answer: MutationAck; token: string | null };

export interface TypingIndicatorClaim {
  /** LINE's chatId: the customer's user id. */
  chatId: string;
  /** When the conversation's newest reply token arrived (relay clock): the window the indicator may cover. */
  tokenReceivedAt: number;
}

