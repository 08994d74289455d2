import type { Channel, ChannelEventDetails, DownloadedMediaKind, MessageContent, RelayEvent } from '../../shared/protocol';

/**
 * The channel-neutral shapes the relay store speaks (ADR 0005). Every channel's intake maps what its platform
 * sent into InboundItems; every outgoing message is handed to its channel's sender as a ClaimedReplyBatch whose
 * `claim` says how it may go out. LINE-only notions (reply tokens) appear only inside a `reply_token` claim and
 * a `reply_token` window signal.
 */

/** One conversation per (channel, account, customer). */
export interface ConversationKey {
  channel: Channel;
  /** LINE: the bot's user id (`destination`); Meta: the page / Instagram account id (`entry.id`); web chat: `web`. */
  accountId: string;
  /** LINE user/group/room id, Meta PSID/IGSID, web chat customer id. */
  customerId: string;
}

export interface InboundConversation extends ConversationKey {
  /** conversationIdFor(key) — src/shared/channels/conversation-id.ts. */
  id: string;
  /** Shown until a profile arrives. */
  placeholderName: string;
  /** Whose profile names the conversation (LINE user id, PSID, IGSID; null for LINE groups, web chat). */
  profileKey: string | null;
}

/** What opens or renews the conversation's delivery window. */
export type WindowSignal =
  /** LINE: a reply token came with the event (usable once, for a minute from the event's timestamp). */
  | { kind: 'reply_token'; token: string }
  /** Meta: a customer message; its `occurredAt` (Meta's timestamp) starts the 24 h / 7 d windows. */
  | { kind: 'customer_message' };

/** One platform event, already mapped to what the relay keeps. Items of one body are in platform-time order. */
export interface InboundItem {
  channel: Channel;
  /** Channel-scoped and stored once: `line:<webhookEventId>`, `messenger:mid:<mid>`, `webchat:<visitorId>:<clientId>`. */
  dedupeKey: string;
  /** The platform's event type (kept with the dedupe key for diagnostics). */
  eventType: string;
  /** The platform's timestamp (ms); the relay's clock for web chat. */
  occurredAt: number;
  conversation: InboundConversation | null;
  /** Create the conversation if it does not exist yet (customer messages, follows). */
  upsertConversation: boolean;
  /**
   * A customer's message. markAsReadToken: LINE's token to mark it read, when it sent one. `content`: what it
   * carries besides text (sticker, location, file name, group sender, quote …); `download`: content the relay
   * must fetch and store (queued in the same transaction, announced later by message.mediaReady).
   */
  message: {
    messageId: string;
    kind: string;
    text: string;
    markAsReadToken?: string | null;
    content?: MessageContent;
    download?: MediaDownloadSource | null;
    /** LINE's quoteToken: kept so an agent's reply can quote this message. */
    quoteToken?: string | null;
  } | null;
  /** A group or room member whose name to look up (`member:<container>:<id>` profile key). */
  memberProfileKey?: string | null;
  /** The customer withdrew one of their messages (its platform id): its stored content is removed. */
  withdraw?: { messageId: string } | null;
  /**
   * A message the shop's account sent from elsewhere (Meta echo: Business Suite, the Instagram app). Shown as an
   * outgoing message; skipped when it is one of the relay's own sends (already shown): its `platformMessageId`
   * is stored on that send, or — when the echo outruns the Send API's answer — a send of the same text is still
   * in flight in the conversation.
   */
  echo: { platformMessageId: string; text: string } | null;
  window: WindowSignal | null;
  /** Anything else (follow, postback, reaction, read receipt, unknown …): kept, never dropped. */
  channelEvent: { eventType: string; summary: string; details?: ChannelEventDetails } | null;
}

/** Where the relay fetches a message's content from. */
export type MediaDownloadSource =
  /** LINE's data API: /v2/bot/message/{id}/content (+ /preview for images and videos, /transcoding for video and audio). */
  | { source: 'line'; kind: DownloadedMediaKind; platformMessageId: string }
  /** A platform CDN URL (Meta attachments), fetched without credentials. */
  | { source: 'url'; kind: DownloadedMediaKind; url: string };

/** One webhook body's (or one visitor frame's) items and the time the relay received it. */
export interface InboundBody {
  items: readonly InboundItem[];
  receivedAt: number;
}

export type InboundOutcome = { ok: true; result: InboundResult } | { ok: false; error: unknown };

export interface InboundResult {
  appended: RelayEvent[];
  duplicates: number;
  /** Conversations whose window (re)opened in this body: their held replies may go out now. */
  conversationsWithNewWindow: string[];
  /** Whose profiles may need a refresh (one per profile key). */
  profileCandidates: { channel: Channel; profileKey: string; conversationId: string }[];
  /** Content was queued for download: the media downloader should look now. */
  mediaQueued: number;
  /** Stored content of withdrawn messages: its files are removed after the commit. */
  withdrawnMediaIds: string[];
}

/** A cached profile, keyed by (channel, profileKey). A failed lookup is cached too, so it is not retried at once. */
export interface ProfileRecord {
  channel: Channel;
  profileKey: string;
  displayName: string;
  pictureUrl: string | null;
  statusMessage: string | null;
  language: string | null;
  fetchedAt: number;
  /** True when the platform refused the lookup (blocked, no permission): the placeholder name stays. */
  failed: boolean;
}

/** How a claimed batch may go out — decided by the channel's pure window rule in src/shared/delivery/. */
export type SendClaim =
  /**
   * LINE reply API with this token (used once; at most 5 messages). `usableUntil` (relay clock): the end of its free
   * window, until which a rate-limited (429) reply may be tried again.
   */
  | { kind: 'reply_token'; token: string; usableUntil?: number }
  /** Meta Send API with these fields (one request per message, in order). */
  | { kind: 'messaging_window'; messagingType: 'RESPONSE' } | { kind: 'messaging_window'; messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' }
  /** Web chat: stored for the visitor (always free). */
  | { kind: 'direct' };

/** How many items may ride on one claim, per claim kind. */
export const MAX_ITEMS_PER_CLAIM: Readonly<Record<SendClaim['kind'], number>> = { reply_token: 5, messaging_window: 10, direct: 50 };
