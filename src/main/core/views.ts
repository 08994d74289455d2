import { channelWindowOf } from '../../shared/delivery/channel-window';
import type { ConversationSummary, MessageView } from '../../shared/ipc/views';
import type { ConversationRow } from './store/conversations';
import type { MessageRow } from './store/messages';

/**
 * Store rows → the view types of the IPC contract. The reply window opened on the relay clock; the
 * renderer counts down on the agent's clock, so it is shifted by the offset measured at hello.
 */
export function toConversationSummary(row: ConversationRow, serverTimeOffsetMs: number): ConversationSummary {
  const toAgentClock = (relayTime: number | null) => (relayTime === null ? null : relayTime - serverTimeOffsetMs);
  // Meta's window is counted by the relay against its own clock, so Meta's times are shifted like relay times.
  const replyWindow = channelWindowOf(row.channel, {
    tokenReceivedAt: toAgentClock(row.reply_window_opened_at),
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
  };
}

export function toMessageView(row: MessageRow): MessageView {
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
  };
}
