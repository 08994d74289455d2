/**
 * What the relay gets from a Meta webhook: one flat, channel-tagged item per messaging item, in the order of
 * Meta's `timestamp`. Every item of a verified body becomes exactly one of these (odd ones as `unknown`).
 */
export type MetaChannel = 'messenger' | 'instagram';

export interface MetaIntakeBase {
  channel: MetaChannel;
  /** `entry.id`: the Facebook page id (Messenger) or Instagram professional account id. */
  accountId: string;
  /** The customer's PSID (Messenger) or IGSID (Instagram): `sender.id`, or `recipient.id` for echoes. */
  customerId: string;
  /** Meta's `timestamp` (ms); `entry.time` when the item has none. */
  timestamp: number;
  /** True for items from `entry.standby` (another app controls the thread; do not answer). */
  standby: boolean;
  /**
   * Meta redelivers: store each key once. `<channel>:mid:<mid>` for messages and echoes,
   * `<channel>:deleted:<mid>` for unsends, `<channel>:postback:<mid>`, else `<channel>:sha256:<hash of the item>`.
   */
  dedupeKey: string;
}

export interface MetaAttachment {
  /** image, video, audio, file, template, fallback; Instagram also share, story_mention, ig_reel, reel, … */
  type: string;
  /** `payload.url` (or the attachment's own `url` for fallbacks); null when there is none. */
  url: string | null;
  title: string | null;
  /** Messenger stickers arrive as images with `payload.sticker_id`. */
  stickerId: string | null;
  /** The attachment's payload as Meta sent it (templates, shares, reels carry more fields). */
  payload: Record<string, unknown> | null;
}

export type MetaIntakeKind =
  | {
      kind: 'message';
      mid: string;
      text: string | null;
      attachments: MetaAttachment[];
      quickReplyPayload: string | null;
      /** The customer answered one of the conversation's messages. */
      replyTo: { mid: string } | null;
      /** Instagram: the customer answered one of the account's stories. */
      storyReply: { id: string | null; url: string | null } | null;
      /** Instagram: the customer mentioned the account in their story (a `story_mention` attachment). */
      storyMention: { url: string | null } | null;
    }
  | {
      /** Sent by the page/account (Meta Business Suite, the Instagram app, or our own Send API call: same mid). */
      kind: 'echo';
      mid: string;
      text: string | null;
      attachments: MetaAttachment[];
      appId: string | null;
    }
  /** Messenger reads up to `watermark` (ms); Instagram names the `mid` read. */
  | { kind: 'read'; watermark: number | null; mid: string | null }
  | { kind: 'delivery'; mids: string[]; watermark: number | null }
  | { kind: 'postback'; title: string | null; payload: string | null; mid: string | null }
  | { kind: 'reaction'; mid: string; action: 'react' | 'unreact'; emoji: string | null; reaction: string | null }
  /** Instagram `is_deleted`: the customer unsent the message `mid`. */
  | { kind: 'deleted'; mid: string };

export type MetaKnownIntakeItem = MetaIntakeBase & MetaIntakeKind;

/** Anything else (optins, referrals, edits, handover, field changes, malformed items): kept as Meta sent it. */
export interface MetaUnknownIntakeItem extends Omit<MetaIntakeBase, 'customerId'> {
  kind: 'unknown';
  /** Null when the item names no sender/recipient we could read. */
  customerId: string | null;
  /** Why it is unknown, for logs and the agent's "platform event" line. */
  detail: string;
  raw: unknown;
}

export type MetaIntakeItem = MetaKnownIntakeItem | MetaUnknownIntakeItem;
