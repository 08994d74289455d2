import { z } from 'zod';
import { tagAddedEvent, tagDeletedEvent, tagMergedEvent, tagRemovedEvent, tagRenamedEvent } from './tag-events';

/**
 * Events flow relay → desktop core on the `/agent` namespace, in `seq` order.
 * The relay's event log is the source of truth; clients keep `cursor` = last applied seq.
 * Every event type is listed in docs/protocol.md.
 */

export const PROTOCOL_VERSION = 1;

export const channelSchema = z.enum(['line', 'messenger', 'instagram', 'webchat']);
export type Channel = z.infer<typeof channelSchema>;

/** How a message left (or will leave) the relay. */
export const deliveryStateSchema = z.enum([
  'sending', // accepted by the relay, LINE call in flight
  'sent_free', // delivered with a reply token (free)
  'held', // no valid reply token: waits for the customer's next message (never pushed silently)
  'sent_push', // delivered as a counted push (agent consented)
  'failed', // LINE refused or the outcome is unknown; `reason` says which
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
  }),
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

/** The conversation's free-reply window: opened when a token arrives, closed (null) when it is used. */
export const replyWindowEvent = z.object({
  ...base,
  type: z.literal('conversation.replyWindow'),
  conversationId: z.string(),
  payload: z.object({
    tokenReceivedAt: z.number().int().nullable(),
  }),
});

/** Any LINE event the relay does not model yet (follow, unfollow, postback, …): kept, never dropped. */
export const channelEventOther = z.object({
  ...base,
  type: z.literal('channel.event'),
  conversationId: z.string().optional(),
  payload: z.object({
    channel: channelSchema,
    eventType: z.string(),
    summary: z.string(),
  }),
});

export const relayEventSchema = z.discriminatedUnion('type', [
  conversationUpsertedEvent,
  messageReceivedEvent,
  messageSentEvent,
  deliveryUpdatedEvent,
  replyWindowEvent,
  channelEventOther,
  tagAddedEvent,
  tagRemovedEvent,
  tagRenamedEvent,
  tagMergedEvent,
  tagDeletedEvent,
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
