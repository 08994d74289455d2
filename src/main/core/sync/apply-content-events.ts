import { CHANNEL_EVENT_KIND } from '../../../shared/ipc/views';
import type { RelayEventOf } from '../../../shared/protocol/events';
import type { LocalDatabase } from '../store/database';
import { bumpLastMessage, conversationExists } from '../store/conversations';
import { insertMessageIfNew } from '../store/messages';
import { setConversationBlocked, setMediaUnavailable, setMessageMedia, upsertMember, withdrawMessage } from '../store/message-content';
import { forgetCachedMediaOf } from '../media/media-cache-rows';
import { noteMemberSeen } from '../store/chat-members';

/** Platform events where the customer did something an agent should look at: they count as unread. */
const CUSTOMER_ACTIONS: ReadonlySet<string> = new Set(['follow', 'unfollow', 'postback']);

/**
 * A platform event of a conversation becomes a line of its own in the thread (kind `event`, its details kept for
 * the line's wording). A follow or a block changes whether replies can reach the customer; an unsent message is
 * withdrawn (its words and content hidden, its cached content forgotten). Taps, follows and blocks count as
 * unread; read receipts, reactions and the like do not. Returns false when the conversation is unknown.
 */
export function applyChannelEvent(db: LocalDatabase, event: RelayEventOf<'channel.event'>, openConversationId: string | null): boolean {
  const conversationId = event.conversationId;
  if (!conversationId || !conversationExists(db, conversationId)) return false;
  const { eventType, summary, details } = event.payload;
  const inserted = insertMessageIfNew(db, {
    id: `event:${event.seq}`,
    serverId: `event:${event.seq}`,
    conversationId,
    direction: 'in',
    kind: CHANNEL_EVENT_KIND,
    text: summary,
    createdAt: event.occurredAt,
    author: eventType,
    delivery: null,
    deliveryReason: null,
    mutationId: null,
    contentJson: details ? JSON.stringify(details) : null,
  });
  if (!inserted) return true;
  // Who did it in a group (a tap, a follow) and who joined: people the agent can tag.
  for (const memberId of [...(details?.senderId ? [details.senderId] : []), ...(eventType === 'memberJoined' ? (details?.memberIds ?? []) : [])]) {
    noteMemberSeen(db, conversationId, memberId, event.occurredAt);
  }
  if (event.payload.channel === 'line' && eventType === 'follow') setConversationBlocked(db, conversationId, false);
  if (event.payload.channel === 'line' && eventType === 'unfollow') setConversationBlocked(db, conversationId, true);
  if (eventType === 'unsend' && details?.messageId) {
    const content = withdrawMessage(db, conversationId, details.messageId, summary);
    if (content) forgetCachedMediaOf(db, content);
  }
  if (CUSTOMER_ACTIONS.has(eventType)) {
    const isOpen = openConversationId === conversationId;
    bumpLastMessage(db, conversationId, { at: event.occurredAt, preview: summary, direction: 'in' }, isOpen ? 0 : 1);
  }
  return true;
}

/** Content stored (or given up) by the relay, and the names of group members. */
export function applyContentEvent(
  db: LocalDatabase,
  event: RelayEventOf<'message.mediaReady'> | RelayEventOf<'message.mediaUnavailable'> | RelayEventOf<'conversation.memberUpserted'>,
): void {
  switch (event.type) {
    case 'message.mediaReady':
      setMessageMedia(db, event.payload.messageId, event.payload.media);
      return;
    case 'message.mediaUnavailable':
      setMediaUnavailable(db, event.payload.messageId, event.payload.reason);
      return;
    case 'conversation.memberUpserted':
      upsertMember(db, event.conversationId, event.payload);
      return;
  }
}
