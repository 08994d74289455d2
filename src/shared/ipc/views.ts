import { z } from 'zod';
import { RELAY_TRANSPORTS } from '../connection/relay-address';
import { channelSchema, quotaUpdatedEvent } from '../protocol/events';
import type { ChannelWindow } from '../delivery/channel-window';
import { conversationWorkflowViewSchema } from './workflow-views';
import { channelEventDetailsSchema, mediaUnavailableReasonSchema, messageContentSchema } from '../protocol/message-content';
import { CHAT_TYPES } from '../channels/chat-type';

/** What the renderer sees of the local store. Times are ms since epoch on the agent's clock. */

/** The conversation's reply window in its channel's terms (src/shared/delivery/channel-window.ts). */
export const channelWindowSchema = z.discriminatedUnion('gate', [
  z.object({ gate: z.literal('reply_token'), tokenReceivedAt: z.number().int().nullable() }),
  z.object({ gate: z.literal('messaging_window'), lastCustomerMessageAt: z.number().int().nullable(), humanAgentAllowed: z.boolean() }),
  z.object({ gate: z.literal('none'), visitorOnline: z.boolean() }),
]) satisfies z.ZodType<ChannelWindow>;

export const conversationSummarySchema = z.object({
  id: z.string(),
  channel: channelSchema,
  friendId: z.string(),
  displayName: z.string(),
  pictureUrl: z.string().nullable(),
  lastMessageAt: z.number().int().nullable(),
  lastMessagePreview: z.string(),
  lastMessageDirection: z.enum(['in', 'out']).nullable(),
  unreadCount: z.number().int().nonnegative(),
  /** LINE: start of the current free-reply window on the agent's clock, or null when there is no usable token (always null on other channels). */
  replyWindowOpenedAt: z.number().int().nullable(),
  /** The reply window by the conversation's channel rule (LINE token, Meta's 24 h / 7 d, web chat visitor online). */
  replyWindow: channelWindowSchema,
  /** The friend's tags (names), as the agent sees them. */
  tags: z.array(z.string()).optional(),
  /** Status, assignee, waiting time (the team inbox, workflow-views.ts). */
  workflow: conversationWorkflowViewSchema.optional(),
  /** The customer blocked the account (LINE unfollow): replies cannot reach them until they follow again. */
  blocked: z.boolean().default(false),
  /** A LINE group or room: each line has its own writer, and tags belong to those members (tags:members). Absent: one-to-one. */
  chatType: z.enum(CHAT_TYPES).optional(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** Local delivery state: `queued` lives only in the outbox (not yet accepted by the relay). */
export const messageDeliverySchema = z.enum(['queued', 'sending', 'sent_free', 'held', 'sent_push', 'failed', 'cancelled']);
export type MessageDelivery = z.infer<typeof messageDeliverySchema>;

/**
 * `kind` of a thread line that is not a message: a platform event in the conversation (a tap on a button, a
 * reaction, a read receipt, a follow, an unsent message …); `text` is its summary, `author` the event type.
 */
export const CHANNEL_EVENT_KIND = 'event';

export const messageViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  text: z.string(),
  createdAt: z.number().int(),
  author: z.string().nullable(),
  /** Only for outgoing messages. */
  delivery: messageDeliverySchema.nullable(),
  deliveryReason: z.string().nullable(),
  /** Sent by the relay on its own from an autoSend rule ("自動回覆"). */
  auto: z.boolean().default(false),
  /** An order summary or payment reminder (outgoing), with the order it belongs to. */
  purpose: z.enum(['reply', 'order_summary', 'payment_reminder']).default('reply'),
  orderId: z.string().nullable().default(null),
  /** Photo, file, sticker, location, group sender, quote; `media` once the relay stored the content. */
  content: messageContentSchema.nullable().default(null),
  /** Why downloaded content will not come (expired at the platform, too large …). */
  mediaUnavailable: mediaUnavailableReasonSchema.nullable().default(null),
  /** The customer unsent it: its words and content are gone. */
  withdrawn: z.boolean().default(false),
  /** Who wrote it in a group or room (the member's name), when known. */
  senderName: z.string().nullable().default(null),
  /** A platform event line (kind `event`): what it carried (postback data, unblocked, members …). */
  eventDetails: channelEventDetailsSchema.nullable().default(null),
  /** The message it quotes, when that message is in this app. */
  quoted: z
    .object({ id: z.string(), direction: z.enum(['in', 'out']), kind: z.string(), text: z.string(), withdrawn: z.boolean() })
    .nullable()
    .default(null),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const connectionStateSchema = z.enum(['signed_out', 'connecting', 'online', 'offline', 'unauthorized']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const syncStatusSchema = z.object({
  connection: connectionStateSchema,
  /** Outbox items not yet acknowledged by the relay. */
  pendingCount: z.number().int().nonnegative(),
  /** Catch-up progress while a backlog is arriving; null when idle. */
  catchUp: z.object({ applied: z.number().int(), total: z.number().int() }).nullable(),
  lastSyncedAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * How the saved agent token is protected at rest: encrypted by the OS keychain, or only by an owner-only
 * (0600) file — the browser host, and Electron on Linux without a keyring. `memory`: never written.
 */
export const tokenStorageSchema = z.enum(['os_encrypted', 'owner_only_file', 'memory']);
export type TokenStorage = z.infer<typeof tokenStorageSchema>;

export const sessionSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signed_out'),
    demoAvailable: z.boolean(),
    /** Which demo sign-ins exist (a lead and an agent); absent from older cores. */
    demoRoles: z.array(z.enum(['agent', 'lead'])).optional(),
    tokenStorage: tokenStorageSchema,
    /** The saved sign-in was not resumed because its address is plain http to a public host. */
    refusedRelayUrl: z.string().nullable(),
  }),
  z.object({
    state: z.literal('signed_in'),
    relayUrl: z.string(),
    /** Plain http (allowed only on this computer or a local network) is shown as a warning. */
    transport: z.enum(RELAY_TRANSPORTS),
    tokenStorage: tokenStorageSchema,
    agentName: z.string(),
    role: z.enum(['agent', 'lead']),
    demo: z.boolean(),
  }),
]);
export type Session = z.infer<typeof sessionSchema>;

/** The shop's monthly push quota as last reported by the relay (quota.updated), or null before the first. */
export const quotaViewSchema = quotaUpdatedEvent.shape.payload;
export type QuotaView = z.infer<typeof quotaViewSchema>;

export const savingsRowSchema = z.object({
  /** The agent's local day, YYYY-MM-DD. */
  day: z.string(),
  agent: z.string(),
  freeReplies: z.number().int().nonnegative(),
  countedPushes: z.number().int().nonnegative(),
  /** What the free replies would have cost as pushes. */
  savedNtd: z.number().nonnegative(),
});
export type SavingsRow = z.infer<typeof savingsRowSchema>;

/** One channel's outgoing messages in the report's range; only LINE's free replies save money. */
export const channelDeliveryCountSchema = z.object({
  channel: channelSchema,
  freeReplies: z.number().int().nonnegative(),
  countedPushes: z.number().int().nonnegative(),
});
export type ChannelDeliveryCount = z.infer<typeof channelDeliveryCountSchema>;

export const savingsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** NT$ per counted push used for the savings (see docs/protocol.md, "Savings"). */
  pricePerPushNtd: z.number().nonnegative(),
  planName: z.string().nullable(),
  /** LINE only: a free LINE reply is a push not paid for. */
  rows: z.array(savingsRowSchema),
  totals: z.object({ freeReplies: z.number().int(), countedPushes: z.number().int(), savedNtd: z.number(), pushCostNtd: z.number() }),
  /** Every channel, LINE first (Messenger, Instagram and web chat replies are free by nature: no savings figure). */
  channels: z.array(channelDeliveryCountSchema),
});
export type SavingsReport = z.infer<typeof savingsReportSchema>;
