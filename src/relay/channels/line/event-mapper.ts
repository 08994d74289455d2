import { createHash } from 'node:crypto';
import type { InboundItem } from '../../store/relay-store';
import { conversationIdFor } from '../../../shared/channels/conversation-id';
import { lineEventFieldsSchema, type LineEventFields, type LineWebhookEvent } from './callback-schema';

/** Readable stand-ins for messages without text (agents read zh-TW). */
const MESSAGE_STAND_INS: Record<string, string> = {
  sticker: '[貼圖]',
  image: '[圖片]',
  video: '[影片]',
  audio: '[語音訊息]',
  file: '[檔案]',
  location: '[位置資訊]',
};

const SUMMARY_LIMIT = 200;

function truncate(text: string, limit = SUMMARY_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function lineConversation(customerId: string, placeholderName: string, profileKey: string | null): InboundItem['conversation'] {
  // One LINE account per relay: its conversations keep their `line:<id>` ids (conversation-id.ts).
  const key = { channel: 'line' as const, accountId: '', customerId };
  return { ...key, id: conversationIdFor(key), placeholderName, profileKey };
}

function conversationOf(fields: LineEventFields): InboundItem['conversation'] {
  const source = fields.source;
  if (!source) return null;
  if (source.type === 'group' && source.groupId) return lineConversation(source.groupId, `LINE 群組 ${source.groupId.slice(-4)}`, null);
  if (source.type === 'room' && source.roomId) return lineConversation(source.roomId, `LINE 聊天室 ${source.roomId.slice(-4)}`, null);
  if (source.userId) return lineConversation(source.userId, `LINE 好友 ${source.userId.slice(-4)}`, source.userId);
  return null;
}

function messageText(message: NonNullable<LineEventFields['message']>): string {
  if (message.type === 'text') return message.text ?? '';
  if (message.type === 'file' && message.fileName) return `[檔案：${truncate(message.fileName, 80)}]`;
  if (message.type === 'location') {
    const place = message.title ?? message.address;
    if (place) return `[位置資訊：${truncate(place, 80)}]`;
  }
  return MESSAGE_STAND_INS[message.type] ?? `[${message.type}]`;
}

function channelSummary(fields: LineEventFields): string {
  switch (fields.type) {
    case 'follow':
      return '加入好友（或解除封鎖）';
    case 'unfollow':
      return '封鎖了官方帳號';
    case 'postback':
      return `點選了按鈕：${truncate(fields.postback?.data ?? '')}`;
    case 'unsend':
      return '收回了一則訊息';
    case 'join':
      return '官方帳號被加入聊天';
    case 'leave':
      return '官方帳號離開了聊天';
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
  // Standby mode: another module owns the chat; its events carry no usable reply token.
  const replyToken = fields.mode === 'standby' ? null : (fields.replyToken ?? null);
  const window = replyToken ? { kind: 'reply_token' as const, token: replyToken } : null;

  if (fields.type === 'message' && fields.message) {
    return {
      ...base,
      conversation,
      upsertConversation: true,
      message: {
        messageId: fields.message.id,
        kind: fields.message.type,
        text: messageText(fields.message),
        // Like the reply token: in standby mode the chat belongs to another module, which decides what is read.
        markAsReadToken: fields.mode === 'standby' ? null : (fields.message.markAsReadToken ?? null),
      },
      window,
      channelEvent: null,
    };
  }
  return {
    ...base,
    conversation,
    // The customer did something in the chat: make sure agents can see the conversation.
    upsertConversation: fields.type === 'follow' || fields.type === 'postback',
    message: null,
    window: null,
    channelEvent: { eventType: fields.type, summary: channelSummary(fields) },
  };
}

/** LINE does not guarantee order within a body: apply events by timestamp (stable for ties). */
export function mapLineEvents(events: readonly LineWebhookEvent[]): InboundItem[] {
  return events
    .map((event, index) => ({ index, item: mapLineEvent(event) }))
    .sort((a, b) => a.item.occurredAt - b.item.occurredAt || a.index - b.index)
    .map(({ item }) => item);
}
