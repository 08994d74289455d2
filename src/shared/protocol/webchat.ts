// zod/mini: the same zod, tree-shakeable, so the widget that bundles these schemas stays small (~60 KB
// instead of ~150 KB). The relay uses them like any other schema (parse, safeParse, z.infer).
import * as z from 'zod/mini';

/**
 * The shop's own web chat: the visitor side (the widget a shop embeds, src/webchat-widget) ↔ the relay.
 * socket.io 4 on its own namespace, nothing shared with the agents' `/agent` protocol. The relay is the
 * authority: it stores every message before acknowledging it. See docs/protocol.md, "Web chat (visitors)".
 */

export const WEBCHAT_PROTOCOL_VERSION = 1;
export const WEBCHAT_NAMESPACE = '/webchat';
/** Where the relay serves the widget script a shop embeds. */
export const WEBCHAT_WIDGET_PATH = '/webchat/widget.js';

export const WEBCHAT_FRAMES = {
  history: 'history',
  message: 'message',
  send: 'send',
  identify: 'identify',
  read: 'read',
} as const;

/** Connect-error messages (socket.io `connect_error` err.message). */
export const WEBCHAT_CONNECT_ERRORS = {
  originNotAllowed: 'origin_not_allowed',
  badHandshake: 'bad_handshake',
  protocolUnsupported: 'protocol_unsupported',
  rateLimited: 'rate_limited',
} as const;
export type WebchatConnectError = (typeof WEBCHAT_CONNECT_ERRORS)[keyof typeof WEBCHAT_CONNECT_ERRORS];

/**
 * At most `max` UTF-16 code units (`string.length`, what browsers and the relay measure). zod's own
 * maxLength counts code points once a string is over the limit, which would let 5,000 emoji through.
 */
const maxUnits = (max: number, message?: string) => z.refine<string>((value) => value.length <= max, message ?? `At most ${max} characters`);

export const WEBCHAT_LIMITS = {
  idMax: 128,
  nameMax: 100,
  emailMax: 254,
  /** What a visitor may send (UTF-16 code units). */
  textMax: 5000,
  /**
   * What a stored message may hold: agents may answer web chat with 5,000 code points (its channel limit,
   * src/shared/channels/capabilities.ts), which is up to 10,000 UTF-16 code units when every one is an emoji.
   */
  messageTextMax: 10_000,
  /** A visitor id is a bearer secret (it reads the conversation): at least 128 bits, base64url or hex. */
  visitorIdMin: 22,
} as const;

/**
 * The anonymous visitor's id, made by the widget from crypto.getRandomValues and kept in localStorage.
 * Letters, digits, `_` and `-` only, so it can be logged and used as a key without escaping.
 */
export const visitorIdSchema = z.string().check(
  z.minLength(WEBCHAT_LIMITS.visitorIdMin, `visitorId needs at least ${WEBCHAT_LIMITS.visitorIdMin} characters (128 random bits)`),
  maxUnits(WEBCHAT_LIMITS.idMax),
  z.regex(/^[A-Za-z0-9_-]+$/, 'visitorId may contain only letters, digits, _ and -'),
);

/** `auth` of the socket.io handshake. */
export const webchatAuthSchema = z.object({
  protocol: z.int(),
  visitorId: visitorIdSchema,
});
export type WebchatAuth = z.infer<typeof webchatAuthSchema>;

export const webchatMessageIdSchema = z.string().check(z.minLength(1), maxUnits(WEBCHAT_LIMITS.idMax));
const timestampSchema = z.int().check(z.nonnegative());
export const webchatAuthorSchema = z.enum(['agent', 'visitor']);
export type WebchatAuthor = z.infer<typeof webchatAuthorSchema>;

/**
 * A photo or file in the conversation: `path` is on the relay that served the widget, fetched without credentials
 * (the id is unguessable) — `/public/media/<id>` for what an agent sent, `/webchat/media/<id>` for what the visitor
 * sent (WEBCHAT_MEDIA_PREFIX). `name` and `size` describe it.
 */
export const webchatAttachmentSchema = z.object({
  kind: z.enum(['image', 'file']),
  path: z.string().check(z.regex(/^\/(public\/media|webchat\/media)\/[A-Za-z0-9_-]{16,80}$/)),
  name: z.string().check(maxUnits(200)),
  size: z.int().check(z.nonnegative()),
});
export type WebchatAttachment = z.infer<typeof webchatAttachmentSchema>;

/** One stored message as the visitor sees it. `at`: relay clock, ms since epoch, when it was stored. */
export const webchatMessageSchema = z.object({
  id: webchatMessageIdSchema,
  text: z.string().check(maxUnits(WEBCHAT_LIMITS.messageTextMax)),
  from: webchatAuthorSchema,
  at: timestampSchema,
  attachment: z.optional(webchatAttachmentSchema),
});
export type WebchatMessage = z.infer<typeof webchatMessageSchema>;

/** The newest messages a `history` frame carries (older ones stay with the agents). */
export const WEBCHAT_HISTORY_MAX = 500;

/** relay → visitor after connect and after identify: the conversation (its newest WEBCHAT_HISTORY_MAX messages), oldest first. */
export const webchatHistoryFrameSchema = z.object({
  messages: z.array(webchatMessageSchema),
  /** Agent messages the visitor has not read (after their last `read`). */
  unread: z.int().check(z.nonnegative()),
});
export type WebchatHistoryFrame = z.infer<typeof webchatHistoryFrameSchema>;

/** The text a visitor may send: 1–5,000 UTF-16 code units once trimmed. */
export const webchatTextSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'The message is empty'),
  maxUnits(WEBCHAT_LIMITS.textMax, `A message has at most ${WEBCHAT_LIMITS.textMax} characters`),
);

/** visitor → relay, with an acknowledgement. `clientId` is the idempotency key: a resend gets the same answer. */
export const webchatSendFrameSchema = z.object({
  clientId: z.uuid(),
  text: webchatTextSchema,
});
export type WebchatSendFrame = z.infer<typeof webchatSendFrameSchema>;

/**
 * visitor → relay, with an acknowledgement: a photo or file the visitor uploaded first (`PUT /webchat/uploads/<uploadId>`,
 * docs/protocol.md). Only the visitor's own upload, into the conversation this socket is in; answered like a text.
 */
export const webchatSendAttachmentFrameSchema = z.object({
  clientId: z.uuid(),
  attachment: z.object({ uploadId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'uploadId must be 8–64 letters, digits, "-" or "_"')) }),
});
export type WebchatSendAttachmentFrame = z.infer<typeof webchatSendAttachmentFrameSchema>;

/** Where a visitor uploads a photo or file (`PUT <prefix><uploadId>?kind=image|file`) and where the relay serves it back. */
export const WEBCHAT_UPLOAD_PREFIX = '/webchat/uploads/';
export const WEBCHAT_MEDIA_PREFIX = '/webchat/media/';
/** Photos a visitor may send: what every browser shows (checked by their bytes, never by their name). */
export const WEBCHAT_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** The answer to a visitor's upload: 201 stored (200 for a repeat of the same id). */
export const webchatUploadResultSchema = z.object({
  uploadId: z.string(),
  kind: z.enum(['image', 'file']),
  contentType: z.string(),
  size: z.int().check(z.nonnegative()),
});
export type WebchatUploadResult = z.infer<typeof webchatUploadResultSchema>;

export const WEBCHAT_UPLOAD_ERROR_CODES = [
  'INVALID_UPLOAD',
  'UNAUTHORIZED',
  'ORIGIN_NOT_ALLOWED',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'RATE_LIMITED',
  'STORAGE_FULL',
] as const;
export type WebchatUploadErrorCode = (typeof WEBCHAT_UPLOAD_ERROR_CODES)[number];
export const webchatUploadErrorSchema = z.object({ code: z.enum(WEBCHAT_UPLOAD_ERROR_CODES), error: z.string() });

export const WEBCHAT_SEND_ERROR_CODES = ['INVALID', 'TOO_LONG', 'RATE_LIMITED', 'INTERNAL'] as const;
export type WebchatSendErrorCode = (typeof WEBCHAT_SEND_ERROR_CODES)[number];

const refusal = <C extends readonly [string, ...string[]]>(codes: C) =>
  z.object({ ok: z.literal(false), code: z.enum(codes), message: z.string().check(maxUnits(1000)) });

export const webchatSendAckSchema = z.discriminatedUnion('ok', [
  // `attachment`: the photo or file of an attachment send, where the visitor's page shows it from.
  z.object({ ok: z.literal(true), id: webchatMessageIdSchema, at: timestampSchema, attachment: z.optional(webchatAttachmentSchema) }),
  refusal(WEBCHAT_SEND_ERROR_CODES),
]);
export type WebchatSendAck = z.infer<typeof webchatSendAckSchema>;

/**
 * visitor → relay, with an acknowledgement: links this visitor to the shop's own customer `id`.
 * `hash` = hex HMAC-SHA256 of `id` with WEBCHAT_IDENTITY_SECRET, computed by the shop's server, so a page
 * cannot claim somebody else's conversation. Required: an unverified claim would read another's history.
 */
export const webchatIdentifyFrameSchema = z.object({
  id: z.string().check(z.minLength(1, 'id is empty'), maxUnits(WEBCHAT_LIMITS.idMax)),
  name: z.string().check(z.trim(), z.minLength(1, 'name is empty'), maxUnits(WEBCHAT_LIMITS.nameMax)),
  email: z.optional(z.email().check(maxUnits(WEBCHAT_LIMITS.emailMax))),
  hash: z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'hash must be the hex HMAC-SHA256 of the user id (64 hex digits)')),
});
export type WebchatIdentifyFrame = z.infer<typeof webchatIdentifyFrameSchema>;

export const WEBCHAT_IDENTIFY_ERROR_CODES = ['IDENTITY_REJECTED', 'INVALID'] as const;
export type WebchatIdentifyErrorCode = (typeof WEBCHAT_IDENTIFY_ERROR_CODES)[number];

export const webchatIdentifyAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  refusal(WEBCHAT_IDENTIFY_ERROR_CODES),
]);
export type WebchatIdentifyAck = z.infer<typeof webchatIdentifyAckSchema>;

/** visitor → relay, no acknowledgement: the open panel shows everything up to this message; clears unread. */
export const webchatReadFrameSchema = z.object({ upTo: webchatMessageIdSchema });
export type WebchatReadFrame = z.infer<typeof webchatReadFrameSchema>;
