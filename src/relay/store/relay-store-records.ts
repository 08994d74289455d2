import type { ShopPushRule } from '../../shared/delivery/policy';
import type {
  Channel,
  DeliveryState,
  Mutation,
  MutationAck,
  MutationError,
  MutationType,
  PricePlan,
} from '../../shared/protocol';
import type { SuggestionRule } from '../../shared/suggestions/rules-schema';
import type { SendClaim } from './channel-store-types';
import type { OutboundContent } from './media-store-types';

/** The records RelayStore's operations take and return (the interface is in relay-store.ts). */

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

