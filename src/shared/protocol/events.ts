import { z } from 'zod';
import { SuggestionRuleSchema } from '../suggestions/rules-schema';
import { channelEventDetailsSchema, mediaRefSchema, mediaUnavailableReasonSchema, messageContentFields, messageContentSchema } from './message-content';
import { catalogUpdatedEvent, orderCreatedEvent, orderReminderQueuedEvent, orderStatusChangedEvent } from './order-events';
import {
  conversationAssignedEvent,
  conversationStatusChangedEvent,
  customerNoteUpdatedEvent,
  noteAddedEvent,
  settingsUpdatedEvent,
} from './workflow-events';
import { tagAddedEvent, tagDeletedEvent, tagMergedEvent, tagRemovedEvent, tagRenamedEvent } from './tag-events';
import { suggestionFeedbackEvent, suggestionReviewedEvent } from './suggestion-learning';

/**
 * Events flow relay → desktop core on the `/agent` namespace, in `seq` order.
 * The relay's event log is the source of truth; clients keep `cursor` = last applied seq.
 * Every event type is listed in docs/protocol.md.
 */

/**
 * 2: every channel (LINE, Messenger, Instagram, web chat) on one log; `conversation.replyWindow` carries each
 * channel's window. A version-1 client is refused with `protocol_unsupported` ("please update").
 */
export const PROTOCOL_VERSION = 2;

export const channelSchema = z.enum(['line', 'messenger', 'instagram', 'webchat']);
export type Channel = z.infer<typeof channelSchema>;

/** How a message left (or will leave) the relay. */
export const deliveryStateSchema = z.enum([
  'sending', // accepted by the relay, LINE call in flight
  'sent_free', // delivered with a reply token (free)
  'held', // no valid reply token: waits for the customer's next message (never pushed silently)
  'sent_push', // delivered as a counted push (agent consented)
  'failed', // LINE refused or the outcome is unknown; `reason` says which
  'cancelled', // the agent withdrew a held or failed message before it went out
]);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

const base = {
  seq: z.number().int().positive(),
  /** Relay clock, ms since epoch, when the event happened (LINE's timestamp for webhook events). */
  occurredAt: z.number().int().nonnegative(),
};

export const conversationUpsertedEvent = z.object({
  ...base,
  type: z.literal('conversation.upserted'),
  conversationId: z.string(),
  payload: z.object({
    channel: channelSchema,
    friendId: z.string(),
    displayName: z.string(),
    pictureUrl: z.string().nullable(),
  }),
});

export const messageReceivedEvent = z.object({
  ...base,
  type: z.literal('message.received'),
  conversationId: z.string(),
  payload: z.object({
    messageId: z.string(),
    friendId: z.string(),
    /** LINE message type: text, image, sticker, … */
    kind: z.string(),
    /** The customer's text, or a short readable stand-in for non-text messages ("[sticker]"). */
    text: z.string(),
    /** When the relay received the reply token that came with this message, or null (standby mode). */
    replyTokenReceivedAt: z.number().int().nullable(),
    /** Photos, files, stickers, locations, group sender, quote (src/shared/protocol/message-content.ts). */
    ...messageContentFields,
  }),
});

/** The content of a customer's message is stored on the relay: `media` is where agents fetch it. */
export const messageMediaReadyEvent = z.object({
  ...base,
  type: z.literal('message.mediaReady'),
  conversationId: z.string(),
  payload: z.object({ messageId: z.string(), media: mediaRefSchema }),
});

/** The content of a customer's message will not arrive (expired at the platform, too large, …). */
export const messageMediaUnavailableEvent = z.object({
  ...base,
  type: z.literal('message.mediaUnavailable'),
  conversationId: z.string(),
  payload: z.object({ messageId: z.string(), reason: mediaUnavailableReasonSchema }),
});

/** A member of a group or room, named by the platform's member profile (who wrote which line). */
export const memberUpsertedEvent = z.object({
  ...base,
  type: z.literal('conversation.memberUpserted'),
  conversationId: z.string(),
  payload: z.object({ memberId: z.string(), displayName: z.string(), pictureUrl: z.string().nullable() }),
});

export const messageSentEvent = z.object({
  ...base,
  type: z.literal('message.sent'),
  conversationId: z.string(),
  payload: z.object({
    messageId: z.string(),
    /** The mutation id that created this message, so the client can match its optimistic copy. */
    mutationId: z.string(),
    text: z.string(),
    agentName: z.string(),
    delivery: deliveryStateSchema,
    reason: z.string().nullable(),
    /** Sent by the relay itself from an autoSend rule (no agent involved); absent for agents' replies. */
    auto: z.boolean().optional(),
    /** What the message is, when it is not a plain reply: an order summary or a payment reminder. */
    kind: z.enum(['order_summary', 'payment_reminder']).optional(),
    /** The order it belongs to (order_summary, payment_reminder). */
    orderId: z.string().optional(),
    /** A photo, file or sticker the agent sent (`media.url` is the relay's path for agents); `text` is its stand-in. */
    content: messageContentSchema.optional(),
  }),
});

export const deliveryUpdatedEvent = z.object({
  ...base,
  type: z.literal('delivery.updated'),
  conversationId: z.string(),
  payload: z.object({
    messageId: z.string(),
    mutationId: z.string(),
    delivery: deliveryStateSchema,
    reason: z.string().nullable(),
  }),
});

/**
 * The conversation's free-reply window, in its channel's terms.
 * LINE: opened when a reply token arrives (`tokenReceivedAt`), closed (null) when it is used.
 * Messenger/Instagram: `meta` — the customer's last message (Meta's timestamp) opens 24 h of RESPONSE and,
 * when the page may use the HUMAN_AGENT tag, 7 days of human-agent replies (src/shared/delivery/meta-window.ts).
 * Web chat: `webchat` — whether the visitor's page is connected now (replies are always free).
 */
export const replyWindowEvent = z.object({
  ...base,
  type: z.literal('conversation.replyWindow'),
  conversationId: z.string(),
  payload: z.object({
    /** LINE only; null on other channels and once the token is used. */
    tokenReceivedAt: z.number().int().nullable(),
    meta: z
      .object({ lastCustomerMessageAt: z.number().int().nullable(), humanAgentAllowed: z.boolean() })
      .optional(),
    webchat: z.object({ visitorOnline: z.boolean() }).optional(),
  }),
});

/** An agent changed the text of a held message before it went out. */
export const messageEditedEvent = z.object({
  ...base,
  type: z.literal('message.edited'),
  conversationId: z.string(),
  payload: z.object({ messageId: z.string(), mutationId: z.string(), text: z.string(), agentName: z.string() }),
});

/** The shop's monthly push quota as LINE reports it, and whether the relay has stopped pushing. */
export const quotaUpdatedEvent = z.object({
  ...base,
  type: z.literal('quota.updated'),
  payload: z.object({
    /** LINE's quota type: 'none' = unlimited, 'limited' = `limit` pushes a month. */
    type: z.enum(['none', 'limited']),
    limit: z.number().int().nonnegative().nullable(),
    /** Pushes counted this month (GET /v2/bot/message/quota/consumption). */
    used: z.number().int().nonnegative(),
    polledAt: z.number().int(),
    /** Pushes are stopped (LINE answered 429 "monthly limit"); held items stay held. */
    blocked: z.boolean(),
    /** The shop's price plan (configured on the relay), for costs and savings. */
    plan: z.object({
      id: z.string(),
      name: z.string(),
      monthlyFeeNtd: z.number().nonnegative(),
      includedMessages: z.number().int().nonnegative(),
      /** NT$ per message beyond the included ones; null = the plan cannot send more. */
      extraPerMessageNtd: z.number().nonnegative().nullable(),
    }),
  }),
});
export type QuotaUpdatedPayload = z.infer<typeof quotaUpdatedEvent>['payload'];
export type PricePlan = QuotaUpdatedPayload['plan'];

/** Any LINE event the relay does not model yet (follow, unfollow, postback, …): kept, never dropped. */
export const channelEventOther = z.object({
  ...base,
  type: z.literal('channel.event'),
  conversationId: z.string().optional(),
  payload: z.object({
    channel: channelSchema,
    eventType: z.string(),
    summary: z.string(),
    /** What the event carried (postback data, unsent message id, members …), for its line in the thread. */
    details: channelEventDetailsSchema.optional(),
  }),
});

/** The shop's reply-suggestion rules changed: the whole file, so a client needs only the newest one. */
export const rulesUpdatedEvent = z.object({
  ...base,
  type: z.literal('rules.updated'),
  payload: z.object({
    version: z.number().int().positive(),
    rules: z.array(SuggestionRuleSchema),
    updatedBy: z.string(),
  }),
});

export const relayEventSchema = z.discriminatedUnion('type', [
  conversationUpsertedEvent,
  messageReceivedEvent,
  messageSentEvent,
  deliveryUpdatedEvent,
  replyWindowEvent,
  channelEventOther,
  messageEditedEvent,
  quotaUpdatedEvent,
  rulesUpdatedEvent,
  tagAddedEvent,
  tagRemovedEvent,
  tagRenamedEvent,
  tagMergedEvent,
  tagDeletedEvent,
  catalogUpdatedEvent,
  orderCreatedEvent,
  orderStatusChangedEvent,
  orderReminderQueuedEvent,
  conversationStatusChangedEvent,
  conversationAssignedEvent,
  noteAddedEvent,
  customerNoteUpdatedEvent,
  settingsUpdatedEvent,
  messageMediaReadyEvent,
  messageMediaUnavailableEvent,
  memberUpsertedEvent,
  suggestionFeedbackEvent,
  suggestionReviewedEvent,
]);
export type RelayEvent = z.infer<typeof relayEventSchema>;
export type RelayEventType = RelayEvent['type'];
export type RelayEventOf<T extends RelayEventType> = Extract<RelayEvent, { type: T }>;
/** An event before the log assigned it a seq. */
export type NewRelayEvent = RelayEvent extends infer E ? (E extends RelayEvent ? Omit<E, 'seq'> : never) : never;

/** `events` frame: a page of events in seq order and the cursor after applying it. */
export const eventsFrameSchema = z.object({
  events: z.array(relayEventSchema),
  cursor: z.number().int().nonnegative(),
  /** True while the relay has more backlog pages to send after this one. */
  more: z.boolean().optional(),
  /** Newest seq in the relay's log when this frame was sent (progress: cursor / headSeq). */
  headSeq: z.number().int().nonnegative().optional(),
});
export type EventsFrame = z.infer<typeof eventsFrameSchema>;

/** `hello` frame: sent once after a successful connection, before any `events`. */
export const helloFrameSchema = z.object({
  protocol: z.number().int(),
  relayId: z.string(),
  headSeq: z.number().int().nonnegative(),
  serverTime: z.number().int(),
  agent: z.object({ name: z.string(), role: z.enum(['agent', 'lead']) }),
});
export type HelloFrame = z.infer<typeof helloFrameSchema>;
