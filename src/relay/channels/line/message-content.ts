import type { InboundItem, MediaDownloadSource } from '../../store/relay-store';
import { isDownloadedMediaKind, type MessageContent } from '../../../shared/protocol/message-content';
import type { LineEventFields } from './callback-schema';

type LineMessage = NonNullable<LineEventFields['message']>;

/** Readable stand-ins for messages without text (agents read zh-TW); shown in the inbox list and previews. */
const MESSAGE_STAND_INS: Record<string, string> = {
  sticker: '[貼圖]',
  image: '[圖片]',
  video: '[影片]',
  audio: '[語音訊息]',
  file: '[檔案]',
  location: '[位置資訊]',
};

export function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * The message's text: the customer's words, a message sticker's typed text (so it is searchable and answered by
 * suggestions), or a readable stand-in.
 */
export function lineMessageText(message: LineMessage): string {
  if (message.type === 'text') return message.text ?? '';
  if (message.type === 'sticker' && message.text) return message.text;
  if (message.type === 'file' && message.fileName) return `[檔案：${truncate(message.fileName, 80)}]`;
  if (message.type === 'location') {
    const place = message.title ?? message.address;
    if (place) return `[位置資訊：${truncate(place, 80)}]`;
  }
  return MESSAGE_STAND_INS[message.type] ?? `[${message.type}]`;
}

const isHttps = (url: string | undefined): url is string => typeof url === 'string' && /^https:\/\//i.test(url) && url.length <= 2048;

const EXTERNAL_CONTENT_TYPES: Record<string, string> = { image: 'image/*', video: 'video/*', audio: 'audio/*', file: 'application/octet-stream' };

/** What the message carries besides its text, in the protocol's shape. */
export function lineMessageContent(message: LineMessage, senderId: string | null): MessageContent {
  const content: MessageContent = {};
  if (senderId) content.senderId = senderId;
  if (message.quotedMessageId) content.quotedMessageId = message.quotedMessageId;
  if (message.type === 'file' && message.fileName) content.file = { name: truncate(message.fileName, 500), ...(message.fileSize !== undefined ? { size: message.fileSize } : {}) };
  if ((message.type === 'video' || message.type === 'audio') && message.duration !== undefined) content.durationMs = message.duration;
  if (message.imageSet) content.imageSet = { id: truncate(message.imageSet.id, 128), ...(message.imageSet.index ? { index: message.imageSet.index } : {}), ...(message.imageSet.total ? { total: message.imageSet.total } : {}) };
  if (message.type === 'sticker' && message.packageId && message.stickerId) {
    content.sticker = {
      packageId: truncate(message.packageId, 64),
      stickerId: truncate(message.stickerId, 64),
      ...(message.stickerResourceType ? { resourceType: truncate(message.stickerResourceType, 32) } : {}),
      ...(message.keywords?.length ? { keywords: message.keywords.slice(0, 15).map((keyword) => truncate(keyword, 100)) } : {}),
      ...(message.text ? { text: truncate(message.text, 500) } : {}),
    };
  }
  if (message.type === 'location' && isCoordinate(message.latitude, 90) && isCoordinate(message.longitude, 180)) {
    content.location = {
      latitude: message.latitude,
      longitude: message.longitude,
      ...(message.title ? { title: truncate(message.title, 500) } : {}),
      ...(message.address ? { address: truncate(message.address, 1000) } : {}),
    };
  }
  // An external content provider keeps its own URLs: shown as they are, never downloaded by the relay.
  const provider = message.contentProvider;
  if (provider?.type === 'external' && isDownloadedMediaKind(message.type) && isHttps(provider.originalContentUrl)) {
    content.media = {
      url: provider.originalContentUrl,
      contentType: EXTERNAL_CONTENT_TYPES[message.type] ?? 'application/octet-stream',
      ...(isHttps(provider.previewImageUrl) ? { previewUrl: provider.previewImageUrl } : {}),
    };
  }
  return content;
}

function isCoordinate(value: number | undefined, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

/** Content LINE keeps for the bot (provider `line`, the default for files): the relay downloads it soon. */
export function lineDownloadSource(message: LineMessage): MediaDownloadSource | null {
  if (!isDownloadedMediaKind(message.type)) return null;
  const provider = message.contentProvider?.type ?? 'line';
  if (provider !== 'line') return null;
  return { source: 'line', kind: message.type, platformMessageId: message.id };
}

/** `member:<group or room id>:<user id>`: the profile key of a member, looked up in that group or room. */
export function memberProfileKey(containerId: string, userId: string): string {
  return `member:${containerId}:${userId}`;
}

export type { InboundItem };
