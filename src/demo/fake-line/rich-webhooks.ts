import { randomBytes } from 'node:crypto';
import { fakeWebhookEventId } from './webhooks';

/**
 * Builders for LINE webhook events beyond text, shaped like webhook.yml (ImageMessageContent, FileMessageContent,
 * VideoMessageContent, AudioMessageContent, LocationMessageContent, StickerMessageContent, PostbackEvent,
 * UnfollowEvent, UnsendEvent, MemberJoinedEvent, GroupSource, RoomSource).
 */

export type LineEventSource =
  | { type: 'user'; userId: string }
  | { type: 'group'; groupId: string; userId?: string }
  | { type: 'room'; roomId: string; userId?: string };

interface EventBase {
  source: LineEventSource;
  timestamp?: number;
  replyToken?: string;
  webhookEventId?: string;
}

export function fakeLineMessageId(): string {
  return String(BigInt(`0x${randomBytes(7).toString('hex')}`));
}

/** A group id as LINE writes it: C + 32 hex characters (rooms: R + 32). */
export function fakeLineGroupId(prefix: 'C' | 'R' = 'C'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

function envelope<F extends object>(type: string, input: EventBase, fields: F) {
  const timestamp = input.timestamp ?? Date.now();
  return {
    type,
    ...fields,
    webhookEventId: input.webhookEventId ?? fakeWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: input.source,
    ...(input.replyToken ? { replyToken: input.replyToken } : {}),
    mode: 'active' as const,
  };
}

const quoteToken = () => randomBytes(24).toString('base64url');

/** A message event with any message content object. */
export function lineMessageEvent(input: EventBase & { message: { id?: string | undefined; type: string } & Record<string, unknown> }) {
  return envelope('message', input, { message: { ...input.message, id: input.message.id ?? fakeLineMessageId() } });
}

export type ContentProviderInput = { type: 'line' } | { type: 'external'; originalContentUrl: string; previewImageUrl?: string };

export function imageMessageEvent(
  input: EventBase & { messageId?: string; contentProvider?: ContentProviderInput; imageSet?: { id: string; index?: number; total?: number }; quotedMessageId?: string },
) {
  return lineMessageEvent({
    ...input,
    message: {
      type: 'image',
      id: input.messageId,
      contentProvider: input.contentProvider ?? { type: 'line' },
      quoteToken: quoteToken(),
      ...(input.imageSet ? { imageSet: input.imageSet } : {}),
    },
  });
}

export function videoMessageEvent(input: EventBase & { messageId?: string; duration?: number }) {
  return lineMessageEvent({
    ...input,
    message: { type: 'video', id: input.messageId, duration: input.duration ?? 8000, contentProvider: { type: 'line' }, quoteToken: quoteToken() },
  });
}

export function audioMessageEvent(input: EventBase & { messageId?: string; duration?: number }) {
  return lineMessageEvent({ ...input, message: { type: 'audio', id: input.messageId, duration: input.duration ?? 6000, contentProvider: { type: 'line' } } });
}

export function fileMessageEvent(input: EventBase & { messageId?: string; fileName: string; fileSize: number }) {
  return lineMessageEvent({ ...input, message: { type: 'file', id: input.messageId, fileName: input.fileName, fileSize: input.fileSize } });
}

export function locationMessageEvent(input: EventBase & { title?: string; address?: string; latitude: number; longitude: number }) {
  return lineMessageEvent({
    ...input,
    message: {
      type: 'location',
      ...(input.title ? { title: input.title } : {}),
      ...(input.address ? { address: input.address } : {}),
      latitude: input.latitude,
      longitude: input.longitude,
    },
  });
}

export function richStickerMessageEvent(
  input: EventBase & { packageId?: string; stickerId?: string; resourceType?: string; keywords?: string[]; text?: string; quotedMessageId?: string },
) {
  return lineMessageEvent({
    ...input,
    message: {
      type: 'sticker',
      packageId: input.packageId ?? '789',
      stickerId: input.stickerId ?? '10855',
      stickerResourceType: input.resourceType ?? (input.text ? 'MESSAGE' : 'STATIC'),
      quoteToken: quoteToken(),
      ...(input.keywords ? { keywords: input.keywords } : {}),
      ...(input.text ? { text: input.text } : {}),
      ...(input.quotedMessageId ? { quotedMessageId: input.quotedMessageId } : {}),
    },
  });
}

export function postbackEvent(input: EventBase & { data: string; params?: Record<string, string> }) {
  return envelope('postback', { ...input, replyToken: input.replyToken ?? randomBytes(16).toString('hex') }, {
    postback: { data: input.data, ...(input.params ? { params: input.params } : {}) },
  });
}

export function unfollowEvent(input: EventBase) {
  return envelope('unfollow', { ...input, replyToken: undefined }, {});
}

export function unsendEvent(input: EventBase & { messageId: string }) {
  return envelope('unsend', { ...input, replyToken: undefined }, { unsend: { messageId: input.messageId } });
}

export function memberJoinedEvent(input: EventBase & { userIds: string[] }) {
  return envelope('memberJoined', { ...input, replyToken: input.replyToken ?? randomBytes(16).toString('hex') }, {
    joined: { members: input.userIds.map((userId) => ({ type: 'user', userId })) },
  });
}
