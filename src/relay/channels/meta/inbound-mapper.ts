import { conversationIdFor } from '../../../shared/channels/conversation-id';
import type { InboundConversation, InboundItem, MediaDownloadSource } from '../../store/channel-store-types';
import { isDownloadedMediaKind, type MessageContent } from '../../../shared/protocol/message-content';
import type { MetaAttachment, MetaChannel, MetaIntakeItem, MetaKnownIntakeItem } from './intake-items';

/**
 * Maps Meta intake items (src/relay/channels/meta/intake.ts) to what the relay stores, the way
 * channels/line/event-mapper.ts does for LINE: customer messages with readable zh-TW stand-ins for what has no
 * text, the page's own messages from other tools as echoes, everything else as a channel event (never dropped).
 */

const CHANNEL_LABEL: Record<MetaChannel, string> = { messenger: 'Messenger', instagram: 'Instagram' };

/** The same stand-ins LINE's mapper uses where the kinds match, so agents read one vocabulary. */
const ATTACHMENT_STAND_INS: Record<string, string> = {
  image: '[圖片]',
  video: '[影片]',
  audio: '[語音訊息]',
  file: '[檔案]',
  location: '[位置資訊]',
  template: '[範本訊息]',
  fallback: '[連結]',
  share: '[分享的貼文]',
  ig_post: '[分享的貼文]',
  story_mention: '[在限時動態中提到你]',
  ig_reel: '[Reels 影片]',
  reel: '[Reels 影片]',
};

const SUMMARY_LIMIT = 200;

function truncate(text: string, limit = SUMMARY_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function attachmentText(attachment: MetaAttachment): string {
  // Messenger sends stickers (and the thumbs-up) as images carrying a sticker id.
  if (attachment.stickerId !== null) return '[貼圖]';
  const standIn = ATTACHMENT_STAND_INS[attachment.type] ?? `[${truncate(attachment.type, 40)}]`;
  if ((attachment.type === 'file' || attachment.type === 'fallback') && attachment.title) {
    return `${standIn.slice(0, -1)}：${truncate(attachment.title, 80)}]`;
  }
  return standIn;
}

/** The customer's (or the page's) words, then one stand-in per attachment; never empty. */
function readableText(text: string | null, attachments: readonly MetaAttachment[], prefix: string | null = null): string {
  const parts = [prefix, text && text.length > 0 ? text : null, ...attachments.map(attachmentText)].filter(
    (part): part is string => part !== null,
  );
  return parts.length > 0 ? parts.join(' ') : '[訊息]';
}

function messageKind(item: Extract<MetaKnownIntakeItem, { kind: 'message' }>): string {
  if (item.storyMention) return 'story_mention';
  if (item.storyReply) return 'story_reply';
  const first = item.attachments[0];
  if (!first) return 'text';
  return first.stickerId !== null ? 'sticker' : first.type;
}

/**
 * The first photo, video, voice message or file of a message: Meta's CDN URL expires, so the relay downloads it like
 * LINE's content (stickers and shares stay stand-ins).
 */
function downloadOf(item: Extract<MetaKnownIntakeItem, { kind: 'message' }>): { download: MediaDownloadSource; content: MessageContent } | null {
  const first = item.attachments[0];
  if (!first || first.stickerId !== null || !first.url || !isDownloadedMediaKind(first.type)) return null;
  const content: MessageContent = first.type === 'file' ? { file: { name: truncate(first.title ?? fileNameOf(first.url), 500) } } : {};
  return { download: { source: 'url', kind: first.type, url: first.url }, content };
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'file');
  } catch {
    return 'file';
  }
}

function conversationOf(channel: MetaChannel, accountId: string, customerId: string | null): InboundConversation | null {
  if (customerId === null) return null;
  const key = { channel, accountId, customerId };
  return {
    ...key,
    id: conversationIdFor(key),
    placeholderName: `${CHANNEL_LABEL[channel]} 顧客 ${customerId.slice(-4)}`,
    profileKey: customerId,
  };
}

type MetaPlatformEvent = Exclude<MetaIntakeItem, { kind: 'message' | 'echo' }>;

function channelSummary(item: MetaPlatformEvent): string {
  switch (item.kind) {
    case 'read':
      return '顧客已讀訊息';
    case 'delivery':
      return item.mids.length > 0 ? `已送達 ${item.mids.length} 則訊息` : '訊息已送達顧客';
    case 'postback':
      return `點選了按鈕：${truncate(item.title ?? item.payload ?? '')}`;
    case 'reaction':
      return item.action === 'react' ? `對一則訊息按了 ${truncate(item.emoji ?? item.reaction ?? '表情', 40)}` : '收回了對訊息的表情';
    case 'deleted':
      return '收回了一則訊息';
    case 'unknown':
      return `${CHANNEL_LABEL[item.channel]} 事件：${truncate(item.detail)}`;
  }
}

/** Maps one intake item. Standby items (another app owns the thread) are shown but open no window. */
export function mapMetaIntakeItem(item: MetaIntakeItem): InboundItem {
  const base = {
    channel: item.channel,
    dedupeKey: item.dedupeKey,
    eventType: item.kind,
    occurredAt: item.timestamp,
    conversation: conversationOf(item.channel, item.accountId, item.customerId),
    message: null,
    echo: null,
    window: null,
    channelEvent: null,
  };
  switch (item.kind) {
    case 'message': {
      const prefix = item.storyReply ? '[回覆限時動態]' : null;
      const media = downloadOf(item);
      // A reply to one of the conversation's messages (Meta's reply_to.mid) shows what it quotes.
      const content: MessageContent = { ...media?.content, ...(item.replyTo ? { quotedMessageId: item.replyTo.mid.slice(0, 128) } : {}) };
      return {
        ...base,
        upsertConversation: true,
        message: {
          messageId: item.mid,
          kind: messageKind(item),
          text: readableText(item.text, item.attachments, prefix),
          ...(media ? { download: media.download } : {}),
          ...(Object.keys(content).length > 0 ? { content } : {}),
        },
        window: item.standby ? null : { kind: 'customer_message' },
      };
    }
    case 'echo':
      // Shown as the page's outgoing message; the store skips it when the mid is one of the relay's own sends.
      return { ...base, upsertConversation: true, echo: { platformMessageId: item.mid, text: readableText(item.text, item.attachments) } };
    case 'postback':
      // A tap on a button is the customer writing to the page: it opens the standard window like a message.
      return {
        ...base,
        upsertConversation: true,
        window: item.standby ? null : { kind: 'customer_message' },
        channelEvent: { eventType: 'postback', summary: channelSummary(item) },
      };
    default:
      return { ...base, upsertConversation: false, channelEvent: { eventType: item.kind, summary: channelSummary(item) } };
  }
}

/** Keeps the intake's order (Meta's timestamp, stable for ties). */
export function mapMetaIntakeItems(items: readonly MetaIntakeItem[]): InboundItem[] {
  return items.map(mapMetaIntakeItem);
}
