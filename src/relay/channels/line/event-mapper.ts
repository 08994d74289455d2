import { createHash } from 'node:crypto';
import type { InboundItem } from '../../store/relay-store';
import { conversationIdFor } from '../../../shared/channels/conversation-id';
import { lineEventFieldsSchema, type LineEventFields, type LineWebhookEvent } from './callback-schema';
import { lineDownloadSource, lineMessageContent, lineMessageText, memberProfileKey, truncate } from './message-content';
import type { ChannelEventDetails } from '../../../shared/protocol/message-content';

const SUMMARY_LIMIT = 200;

function lineConversation(customerId: string, placeholderName: string, profileKey: string | null): InboundItem['conversation'] {
  // One LINE account per relay: its conversations keep their `line:<id>` ids (conversation-id.ts).
  const key = { channel: 'line' as const, accountId: '', customerId };
  return { ...key, id: conversationIdFor(key), placeholderName, profileKey };
}

function conversationOf(fields: LineEventFields): InboundItem['conversation'] {
  const source = fields.source;
  if (!source) return null;
  // A group's name and picture come from its summary (`group:<id>`); rooms have none.
  if (source.type === 'group' && source.groupId) return lineConversation(source.groupId, `LINE 群組 ${source.groupId.slice(-4)}`, `group:${source.groupId}`);
  if (source.type === 'room' && source.roomId) return lineConversation(source.roomId, `LINE 聊天室 ${source.roomId.slice(-4)}`, null);
  if (source.userId) return lineConversation(source.userId, `LINE 好友 ${source.userId.slice(-4)}`, source.userId);
  return null;
}

function channelSummary(fields: LineEventFields): string {
  switch (fields.type) {
    case 'follow':
      return '加入好友（或解除封鎖）';
    case 'unfollow':
      return '封鎖了官方帳號';
    case 'postback':
      return `點選了按鈕：${truncate(fields.postback?.data ?? '', SUMMARY_LIMIT)}`;
    case 'unsend':
      return '收回了一則訊息';
    case 'join':
      return '官方帳號被加入聊天';
    case 'leave':
      return '官方帳號離開了聊天';
    case 'memberJoined':
      return '新成員加入了群組';
    case 'memberLeft':
      return '成員離開了群組';
    default:
      return `LINE 事件：${fields.type}`;
  }
}

/** `line:` + LINE's webhookEventId when present; otherwise a hash of the event so a redelivery still dedupes. */
function dedupeKeyOf(event: LineWebhookEvent, fields: LineEventFields | null): string {
  if (fields?.webhookEventId) return `line:${fields.webhookEventId}`;
  return `line:sha256:${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`;
}

/** Maps one LINE webhook event to what the relay stores. Never throws on unknown shapes. */
export function mapLineEvent(event: LineWebhookEvent): InboundItem {
  const parsed = lineEventFieldsSchema.safeParse(event);
  const fields = parsed.success ? parsed.data : null;
  const base = { channel: 'line' as const, dedupeKey: dedupeKeyOf(event, fields), eventType: event.type, occurredAt: event.timestamp, echo: null };
  if (!fields) {
    // Malformed in a way we do not understand: keep it visible as a channel event.
    return {
      ...base,
      conversation: null,
      upsertConversation: false,
      message: null,
      window: null,
      channelEvent: { eventType: event.type, summary: `LINE 事件：${event.type}` },
    };
  }
  const conversation = conversationOf(fields);
  // Standby mode: another module owns the chat; its events carry no usable reply token. Every other event's
  // token (message, follow, postback, join, memberJoined, beacon …) is kept: a welcome or a menu answer goes free.
  const replyToken = fields.mode === 'standby' ? null : (fields.replyToken ?? null);
  const window = replyToken ? { kind: 'reply_token' as const, token: replyToken } : null;
  const source = fields.source;
  const container = source?.groupId ?? source?.roomId ?? null;
  const senderId = container && source?.userId ? source.userId : null;
  const member = container && senderId ? memberProfileKey(container, senderId) : null;

  if (fields.type === 'message' && fields.message) {
    return {
      ...base,
      conversation,
      upsertConversation: true,
      message: {
        messageId: fields.message.id,
        kind: fields.message.type,
        text: lineMessageText(fields.message),
        // Like the reply token: in standby mode the chat belongs to another module, which decides what is read.
        markAsReadToken: fields.mode === 'standby' ? null : (fields.message.markAsReadToken ?? null),
        content: lineMessageContent(fields.message, senderId),
        download: lineDownloadSource(fields.message),
        quoteToken: fields.mode === 'standby' ? null : (fields.message.quoteToken ?? null),
      },
      memberProfileKey: member,
      window,
      channelEvent: null,
    };
  }
  return {
    ...base,
    conversation,
    // The customer (or a member) did something in the chat: make sure agents can see the conversation.
    upsertConversation: CREATING_EVENTS.has(fields.type),
    message: null,
    memberProfileKey: member,
    withdraw: fields.type === 'unsend' && fields.unsend ? { messageId: fields.unsend.messageId } : null,
    window,
    channelEvent: { eventType: fields.type, summary: channelSummary(fields), details: eventDetails(fields, senderId) },
  };
}

/** Events that create the conversation when it is new: a friend, a tap, the account joining a group. */
const CREATING_EVENTS: ReadonlySet<string> = new Set(['follow', 'postback', 'join', 'memberJoined']);

function eventDetails(fields: LineEventFields, senderId: string | null): ChannelEventDetails {
  const details: ChannelEventDetails = {};
  if (senderId) details.senderId = senderId;
  if (fields.type === 'postback' && fields.postback) {
    const params = Object.entries(fields.postback.params ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    details.postback = {
      data: truncate(fields.postback.data, 1000),
      ...(params.length ? { params: Object.fromEntries(params.slice(0, 10).map(([key, value]) => [truncate(key, 50), truncate(value, 200)])) } : {}),
    };
  }
  if (fields.type === 'follow') details.unblocked = fields.follow?.isUnblocked === true;
  if (fields.type === 'unsend' && fields.unsend) details.messageId = truncate(fields.unsend.messageId, 128);
  const members = fields.type === 'memberJoined' ? fields.joined?.members : fields.type === 'memberLeft' ? fields.left?.members : undefined;
  if (members) details.memberIds = members.flatMap((m) => (m.userId ? [truncate(m.userId, 128)] : [])).slice(0, 100);
  return details;
}

/** LINE does not guarantee order within a body: apply events by timestamp (stable for ties). */
export function mapLineEvents(events: readonly LineWebhookEvent[]): InboundItem[] {
  return events
    .map((event, index) => ({ index, item: mapLineEvent(event) }))
    .sort((a, b) => a.item.occurredAt - b.item.occurredAt || a.index - b.index)
    .map(({ item }) => item);
}
