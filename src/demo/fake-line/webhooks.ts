import { createHmac, randomBytes } from 'node:crypto';

/**
 * Builders for LINE webhook requests, shaped like webhook.yml (CallbackRequest, MessageEvent,
 * TextMessageContent, UserSource, DeliveryContext), and a signed POST helper.
 */

/** A bot user id as LINE sends it in `destination` (U + 32 hex). */
export const FAKE_BOT_USER_ID = 'U8e742f61d673b39c7fff3cecb7536ef0';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-like id (26 Crockford base32 characters: 10 for time, 16 random). */
export function fakeWebhookEventId(time: number = Date.now()): string {
  let timePart = '';
  let remaining = time;
  for (let i = 0; i < 10; i += 1) {
    timePart = CROCKFORD[remaining % 32]! + timePart;
    remaining = Math.floor(remaining / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return timePart + random;
}

/** A LINE user id: U + 32 hex characters. */
export function fakeLineUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

function fakeMessageId(): string {
  return String(BigInt(`0x${randomBytes(7).toString('hex')}`));
}

export function signLineBody(body: string | Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

export interface TextMessageEventInput {
  userId: string;
  text: string;
  /** Omit for a standby-mode style event without a token. */
  replyToken?: string;
  timestamp?: number;
  webhookEventId?: string;
  isRedelivery?: boolean;
  quoteToken?: string;
  markAsReadToken?: string;
  messageId?: string;
  mode?: 'active' | 'standby';
}

export function textMessageEvent(input: TextMessageEventInput) {
  const timestamp = input.timestamp ?? Date.now();
  return {
    type: 'message' as const,
    message: {
      type: 'text' as const,
      id: input.messageId ?? fakeMessageId(),
      text: input.text,
      quoteToken: input.quoteToken ?? randomBytes(24).toString('base64url'),
      ...(input.markAsReadToken ? { markAsReadToken: input.markAsReadToken } : {}),
    },
    webhookEventId: input.webhookEventId ?? fakeWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: input.isRedelivery ?? false },
    timestamp,
    source: { type: 'user' as const, userId: input.userId },
    ...(input.replyToken ? { replyToken: input.replyToken } : {}),
    mode: input.mode ?? ('active' as const),
  };
}

export interface StickerMessageEventInput {
  userId: string;
  replyToken?: string;
  timestamp?: number;
  webhookEventId?: string;
}

export function stickerMessageEvent(input: StickerMessageEventInput) {
  const timestamp = input.timestamp ?? Date.now();
  return {
    type: 'message' as const,
    message: {
      type: 'sticker' as const,
      id: fakeMessageId(),
      packageId: '446',
      stickerId: '1988',
      stickerResourceType: 'STATIC' as const,
      quoteToken: randomBytes(24).toString('base64url'),
    },
    webhookEventId: input.webhookEventId ?? fakeWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user' as const, userId: input.userId },
    ...(input.replyToken ? { replyToken: input.replyToken } : {}),
    mode: 'active' as const,
  };
}

export function followEvent(input: { userId: string; replyToken?: string; timestamp?: number; isUnblocked?: boolean }) {
  const timestamp = input.timestamp ?? Date.now();
  return {
    type: 'follow' as const,
    follow: { isUnblocked: input.isUnblocked ?? false },
    webhookEventId: fakeWebhookEventId(timestamp),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user' as const, userId: input.userId },
    replyToken: input.replyToken ?? randomBytes(16).toString('hex'),
    mode: 'active' as const,
  };
}

export function callbackBody(destination: string, events: readonly object[]) {
  return { destination, events: [...events] };
}

export interface PostLineWebhookOptions {
  /** Overrides the computed signature; null sends no signature header at all. */
  signature?: string | null;
}

export interface PostLineWebhookResult {
  status: number;
  /** Parsed JSON when the answer was JSON, else the raw text. */
  body: unknown;
}

/** POSTs a (by default correctly signed) webhook to `${relayUrl}/webhooks/line`. */
export async function postLineWebhook(
  relayUrl: string,
  channelSecret: string,
  body: string | Buffer | object,
  options: PostLineWebhookOptions = {},
): Promise<PostLineWebhookResult> {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const signature = options.signature === undefined ? signLineBody(raw, channelSecret) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== null) headers['x-line-signature'] = signature;
  const response = await fetch(`${relayUrl.replace(/\/+$/, '')}/webhooks/line`, {
    method: 'POST',
    headers,
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { status: response.status, body: parsed };
}
