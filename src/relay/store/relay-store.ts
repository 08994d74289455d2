import type { ShopPushRule } from '../../shared/delivery/policy';
import type {
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

/**
 * Everything the relay persists, as atomic operations. Each method is one transaction, so any
 * number of relay processes sharing the store stay correct. SQLite lives behind this interface
 * (src/relay/store/sqlite-*). Methods are synchronous because the embedded database is; a networked
 * backend (PostgreSQL) would turn these signatures into Promises, the operations stay the same.
 */
export interface RelayStore {
  /** Stable id of this event log; changes only when the log is recreated. */
  readonly relayId: string;

  // ── event log ──
  headSeq(): number;
  readEvents(afterSeq: number, limit: number): RelayEvent[];
  appendEvents(events: NewRelayEvent[]): RelayEvent[];
  /** Called after every commit that appended events (from this process). */
  onEventsAppended(listener: (headSeq: number) => void): () => void;

  // ── LINE ingest ──
  recordLineEvents(items: readonly LineIngestItem[], receivedAt: number): LineIngestResult;
  /**
   * Group commit: several webhook bodies in ONE transaction, each in its own savepoint, so a body that
   * fails is rolled back alone and reported in its slot while the others commit. Throws only when the
   * group as a whole could not commit (then nothing of it is stored).
   */
  recordLineEventGroup(bodies: readonly LineIngestBody[]): LineIngestOutcome[];

  // ── conversations and profiles ──
  getConversation(conversationId: string): ConversationRecord | null;
  /** Saves the profile and, when the conversation's name or picture changed, appends conversation.upserted. */
  applyLineProfile(profile: LineProfileRecord, conversationId: string): RelayEvent[];
  getLineProfile(userId: string): LineProfileRecord | null;

  // ── replies ──
  beginReplySend(input: BeginReplySendInput): BeginReplySendResult;
  /** Claims a fresh token for the conversation's held replies (oldest first, at most `maxMessages`). */
  claimHeldReplies(conversationId: string, now: number, maxMessages: number): ClaimedReplyBatch | null;
  settleReplyBatch(input: SettleReplyBatchInput): RelayEvent[];
  /** reply.cancel / reply.edit finish in the transaction; reply.push claims the item for a push. */
  beginReplyAction(input: BeginReplyActionInput): BeginReplyActionResult;
  settlePush(input: SettlePushInput): RelayEvent[];
  /** Replies `sending` since before `staleBefore` (their relay died mid-send) become `failed` with `reason`. */
  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): RelayEvent[];
  getMutation(mutationId: string): StoredMutation | null;
  /**
   * Takes a mutation id for this agent (by name), type and payload before the mutation is applied, or
   * recognises the agent's own repeat; another agent's id, or another type or payload → ID_REUSED.
   */
  claimMutationId(input: MutationClaimInput): MutationClaimResult;

  // ── quota ──
  isQuotaBlocked(): boolean;
  /** Stores a poll of LINE's quota; appends quota.updated when something changed. */
  recordQuotaPoll(poll: QuotaPoll, plan: PricePlan): RelayEvent[];
  quotaSnapshot(plan: PricePlan, now: number): QuotaUpdatedPayload;
  getOutboundMessage(messageId: string): OutboundMessageRecord | null;

  // ── reply-suggestion rules, typing presence, auto-replies ──
  /** 0 when no rules were ever saved. */
  latestRulesVersion(): number;
  latestRules(): StoredRules | null;
  saveRules(input: SaveRulesInput): SaveRulesResult;
  setPresence(input: PresenceInput): void;
  /**
   * Like beginReplySend for the relay's own answer to a customer message: skipped (nothing stored) when an
   * agent is typing in the conversation; the mutation id derived from the customer message makes it once-only.
   */
  beginAutoReply(input: BeginReplySendInput): BeginAutoReplyResult;

  // ── tags (src/relay/store/sqlite-tags.ts) ──
  /** Applies one tag mutation (or returns the stored answer of a repeated id) in one transaction. */
  applyTagMutation(input: TagMutationInput): TagMutationAck;
  segmentMembers(query: SegmentQuery): SegmentMember[] | { unknownTags: string[] };
  friendTagNames(friendId: string): string[];
  // ── LINE read receipts and typing indicator ──
  /** conversation.markRead: records the answer and takes the newest unused markAsReadToken, in one transaction. */
  beginMarkRead(input: { mutationId: string; conversationId: string; agentName: string; now: number }): BeginMarkReadResult;
  /**
   * Takes the right to show LINE's typing indicator in a one-to-one chat now: only while its free reply
   * window is open and not within `throttleMs` of the last time (by any relay process). null = not now.
   */
  claimTypingIndicator(input: { conversationId: string; now: number; throttleMs: number }): TypingIndicatorClaim | null;

  // ── quick cart: the catalog document and orders (sqlite-catalog.ts, sqlite-orders.ts) ──
  latestCatalog(): StoredCatalog | null;
  saveCatalog(input: SaveCatalogInput): SaveRulesResult;
  /**
   * order.create: stores the order, its number, its reminder schedule, the order.created event and (when
   * asked) the summary message with its delivery decided like a reply's — all in one transaction with the
   * mutation's answer. A repeated id gets the stored answer (or waits while it is `pending`).
   */
  beginOrderCreate(input: BeginOrderCreateInput): BeginOrderCreateResult;
  /**
   * order.sendSummary: a new summary for an order awaiting payment whose summary is absent, failed or
   * cancelled, decided like a reply's and made the order's summary — in one transaction with the answer.
   */
  beginOrderSendSummary(input: BeginOrderSendSummaryInput): BeginOrderCreateResult;
  /** order.setStatus (mutationId set) — paid/cancelled also cancel every reminder not yet sent. */
  setOrderStatus(input: SetOrderStatusInput): MutationAck;
  /** Queues every due payment reminder of unpaid orders (each once, across relay processes). */
  queueDueReminders(input: QueueRemindersInput): QueuedReminders;
  /** A verified payment notification: stored once per transaction id; pays the order. */
  recordPaymentNotification(input: PaymentNotificationInput): PaymentNotificationResult;
  getOrder(orderId: string): OrderRecord | null;

  // ── agent tokens ──
  insertAgentToken(token: AgentTokenRecord): void;
  findAgentToken(tokenHash: string): AgentTokenRecord | null;
  /** The current records of these tokens in one query (unknown hashes are simply absent). */
  findAgentTokens(tokenHashes: readonly string[]): AgentTokenRecord[];
  /** Revokes every active token with that name; returns how many. */
  revokeAgentTokens(name: string, revokedAt: number): number;
  listAgentTokens(): AgentTokenRecord[];

  close(): void;
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
  channel: 'line';
  friendId: string;
  displayName: string;
  pictureUrl: string | null;
}

export interface LineProfileRecord {
  userId: string;
  displayName: string;
  pictureUrl: string | null;
  statusMessage: string | null;
  language: string | null;
  fetchedAt: number;
}

/** One LINE webhook event, already mapped to what the relay keeps (see channels/line/event-mapper). */
export interface LineIngestItem {
  dedupeKey: string;
  eventType: string;
  timestamp: number;
  conversation: { id: string; friendId: string; placeholderName: string; profileUserId: string | null } | null;
  /** Create the conversation if it does not exist yet (messages, follow). */
  upsertConversation: boolean;
  /** markAsReadToken: LINE's token to mark this message (and those before it) as read, when it sent one. */
  message: { messageId: string; kind: string; text: string; markAsReadToken?: string | null } | null;
  replyToken: string | null;
  channelEvent: { eventType: string; summary: string } | null;
}

/** One webhook body's events and the time the relay received it. */
export interface LineIngestBody {
  items: readonly LineIngestItem[];
  receivedAt: number;
}

export type LineIngestOutcome = { ok: true; result: LineIngestResult } | { ok: false; error: unknown };

export interface LineIngestResult {
  appended: RelayEvent[];
  duplicates: number;
  /** Conversations that received a new reply token in this batch (held replies may go out now). */
  conversationsWithNewToken: string[];
  /** LINE users whose conversations were touched (profile refresh candidates). */
  profileCandidates: { userId: string; conversationId: string }[];
}

export interface ReplyItem {
  messageId: string;
  mutationId: string;
  conversationId: string;
  text: string;
}

export interface ClaimedReplyBatch {
  conversationId: string;
  replyToken: string;
  /** Oldest first; at most one LINE reply request's worth. */
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

