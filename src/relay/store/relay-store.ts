import type { DeliveryState, MutationAck, NewRelayEvent, RelayEvent } from '../../shared/protocol';

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
  /** Replies `sending` since before `staleBefore` (their relay died mid-send) become `failed` with `reason`. */
  failUnconfirmedSends(input: { staleBefore: number; now: number; reason: string }): RelayEvent[];
  getMutation(mutationId: string): StoredMutation | null;
  getOutboundMessage(messageId: string): OutboundMessageRecord | null;

  // ── agent tokens ──
  insertAgentToken(token: AgentTokenRecord): void;
  findAgentToken(tokenHash: string): AgentTokenRecord | null;
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
  message: { messageId: string; kind: string; text: string } | null;
  replyToken: string | null;
  channelEvent: { eventType: string; summary: string } | null;
}

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
  maxMessagesPerReply: number;
  /** Reason stored on the message when no fresh token exists. */
  heldReason: string;
  /** Reason stored when a token exists but older held replies fill the request. */
  queuedReason: string;
}

export type BeginReplySendResult =
  /** The id was seen before: its answer is stored (or will be, while `pending`). */
  | { kind: 'repeat'; mutation: StoredMutation }
  /** Finished inside the transaction (held, unknown conversation). */
  | { kind: 'answered'; answer: MutationAck }
  /** A token was claimed: call LINE with this batch, then settle it. */
  | { kind: 'send'; batch: ClaimedReplyBatch; messageDelivery: DeliveryState; messageReason: string | null };

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
