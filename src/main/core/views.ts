import { channelWindowOf } from '../../shared/delivery/channel-window';
import type { ConversationSummary, MessageView } from '../../shared/ipc/views';
import type { ConversationRow } from './store/conversations';
import type { MessageRow } from './store/messages';
import { parseContentJson, type QuotedMessage } from './store/message-content';
import { channelEventDetailsSchema, mediaUnavailableReasonSchema, type ChannelEventDetails } from '../../shared/protocol/message-content';
import { CHANNEL_EVENT_KIND } from '../../shared/ipc/views';
import { chatTypeOf } from '../../shared/channels/chat-type';

/**
 * Store rows → the view types of the IPC contract. The reply window opened on the relay clock; the
 * renderer counts down on the agent's clock, so it is shifted by the offset measured at hello.
 */
export function toConversationSummary(row: ConversationRow, serverTimeOffsetMs: number): ConversationSummary {
  const toAgentClock = (relayTime: number | null) => (relayTime === null ? null : relayTime - serverTimeOffsetMs);
  // Meta's window is counted by the relay against its own clock, so Meta's times are shifted like relay times.
  const replyWindow = channelWindowOf(row.channel, {
    // A customer who blocked the account can receive no reply: there is no free window to count down (the token
    // of their next follow opens a new one).
    tokenReceivedAt: row.blocked === 1 ? null : toAgentClock(row.reply_window_opened_at),
    lastCustomerMessageAt: toAgentClock(row.meta_last_customer_message_at),
    humanAgentAllowed: row.meta_human_agent_allowed === 1,
    visitorOnline: row.webchat_visitor_online === 1,
  });
  return {
    id: row.id,
    channel: row.channel,
    friendId: row.friend_id,
    displayName: row.display_name,
    pictureUrl: row.picture_url,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    lastMessageDirection: row.last_message_direction,
    unreadCount: row.unread_count,
    replyWindowOpenedAt: replyWindow.gate === 'reply_token' ? replyWindow.tokenReceivedAt : null,
    replyWindow,
    blocked: row.blocked === 1,
    chatType: chatTypeOf(row.channel, row.friend_id),
  };
}

/** Names of group members and the messages quoted, looked up for a page of messages (message-content.ts). */
export interface MessageExtras {
  memberNames: ReadonlyMap<string, string>;
  quoted: ReadonlyMap<string, QuotedMessage>;
}

const NO_EXTRAS: MessageExtras = { memberNames: new Map(), quoted: new Map() };

export function toMessageView(row: MessageRow, extras: MessageExtras = NO_EXTRAS): MessageView {
  const isEvent = row.kind === CHANNEL_EVENT_KIND;
  const content = isEvent ? null : parseContentJson(row.content_json ?? null);
  const unavailable = mediaUnavailableReasonSchema.safeParse(row.media_unavailable);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    kind: row.kind,
    text: row.text,
    createdAt: row.created_at,
    author: row.author,
    delivery: row.direction === 'out' ? row.delivery : null,
    deliveryReason: row.delivery_reason,
    auto: row.auto === 1,
    purpose: row.purpose,
    orderId: row.order_id,
    content,
    mediaUnavailable: unavailable.success ? unavailable.data : null,
    withdrawn: row.withdrawn === 1,
    eventDetails: isEvent ? parseEventDetails(row.content_json) : null,
    senderName: content?.senderId ? (extras.memberNames.get(content.senderId) ?? null) : null,
    quoted: content?.quotedMessageId ? (extras.quoted.get(content.quotedMessageId) ?? null) : null,
  };
}

function parseEventDetails(json: string | null): ChannelEventDetails | null {
  if (!json) return null;
  try {
    const parsed = channelEventDetailsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
