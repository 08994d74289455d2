import { z } from 'zod';

/**
 * What a customer's message carries besides its text (photos, files, stickers, locations, who wrote it in a
 * group, what it quotes). Every field is optional on `message.received`, so older clients that only read `text`
 * keep working and older relays' events stay valid.
 */

/** Message kinds whose content the relay downloads and serves (`media` arrives with message.mediaReady). */
export const DOWNLOADED_MEDIA_KINDS = ['image', 'video', 'audio', 'file'] as const;
export type DownloadedMediaKind = (typeof DOWNLOADED_MEDIA_KINDS)[number];

export function isDownloadedMediaKind(kind: string): kind is DownloadedMediaKind {
  return (DOWNLOADED_MEDIA_KINDS as readonly string[]).includes(kind);
}

/**
 * Stored content. `url` (and `previewUrl`) are either a path on the relay (`/media/…`, answered only with
 * `Authorization: Bearer <agent token>`) or, for content the customer's app keeps elsewhere (LINE's external
 * content providers), that provider's https URL as it was sent.
 */
export const mediaRefSchema = z.object({
  url: z.string().min(1).max(2048),
  contentType: z.string().min(1).max(200),
  size: z.number().int().nonnegative().optional(),
  previewUrl: z.string().min(1).max(2048).optional(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** True for a media URL served by the relay itself (needs the agent token), false for an external https URL. */
export function isRelayMediaPath(url: string): boolean {
  return url.startsWith('/media/');
}

export const stickerInfoSchema = z.object({
  packageId: z.string().max(64),
  stickerId: z.string().max(64),
  /** LINE's stickerResourceType (STATIC, ANIMATION, MESSAGE, …). */
  resourceType: z.string().max(32).optional(),
  /** Words describing the sticker (its alt text). */
  keywords: z.array(z.string().max(100)).max(15).optional(),
  /** What the customer typed on a message sticker (also the message's text). */
  text: z.string().max(500).optional(),
});
export type StickerInfo = z.infer<typeof stickerInfoSchema>;

export const locationInfoSchema = z.object({
  title: z.string().max(500).optional(),
  address: z.string().max(1000).optional(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type LocationInfo = z.infer<typeof locationInfoSchema>;

export const fileInfoSchema = z.object({ name: z.string().max(500), size: z.number().int().nonnegative().optional() });
export type FileInfo = z.infer<typeof fileInfoSchema>;

/** Several images sent at once share an id; `index` counts from 1. */
export const imageSetSchema = z.object({
  id: z.string().max(128),
  index: z.number().int().positive().optional(),
  total: z.number().int().positive().optional(),
});
export type ImageSet = z.infer<typeof imageSetSchema>;

/** Why downloaded content will not arrive (message.mediaUnavailable). */
export const mediaUnavailableReasonSchema = z.enum([
  'expired', // the platform no longer has it (LINE keeps content only for a while)
  'too_large', // over the relay's per-file limit
  'storage_full', // the shop's media storage is full
  'unsupported_type', // its bytes are not a type the relay keeps
  'failed', // the platform kept refusing or failing
]);
export type MediaUnavailableReason = z.infer<typeof mediaUnavailableReasonSchema>;

/** The optional parts of `message.received.payload`. */
export const messageContentFields = {
  /** Stored content; absent until stored (a later message.mediaReady adds it) and for kinds without content. */
  media: mediaRefSchema.optional(),
  file: fileInfoSchema.optional(),
  /** Video and audio length in ms. */
  durationMs: z.number().int().nonnegative().optional(),
  imageSet: imageSetSchema.optional(),
  sticker: stickerInfoSchema.optional(),
  location: locationInfoSchema.optional(),
  /** Who wrote it in a group or room (LINE `source.userId`; absent when the member did not consent). */
  senderId: z.string().max(128).optional(),
  /** The platform id of the message this one quotes (LINE `quotedMessageId`). */
  quotedMessageId: z.string().max(128).optional(),
};

export const messageContentSchema = z.object(messageContentFields);
export type MessageContent = z.infer<typeof messageContentSchema>;

/** What a platform event of a conversation carried, for its line in the thread (channel.event `details`). */
export const channelEventDetailsSchema = z.object({
  /** postback: the tapped action's data and its params (date/time pickers, rich-menu switches). */
  postback: z.object({ data: z.string().max(1000), params: z.record(z.string(), z.string().max(200)).optional() }).optional(),
  /** follow: true when the customer unblocked the account (false: a new friend). */
  unblocked: z.boolean().optional(),
  /** unsend: the withdrawn message's platform id. */
  messageId: z.string().max(128).optional(),
  /** memberJoined / memberLeft: the members' user ids. */
  memberIds: z.array(z.string().max(128)).max(100).optional(),
  /** Who did it in a group or room. */
  senderId: z.string().max(128).optional(),
});
export type ChannelEventDetails = z.infer<typeof channelEventDetailsSchema>;
