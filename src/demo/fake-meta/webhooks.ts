import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { parseBody } from '../fake-http';
import type { FakeMetaChannel } from './routes';

/**
 * Builders for Meta webhook bodies (Messenger `object: "page"`, Instagram `object: "instagram"`), shaped
 * after the platform facts, and a signed POST helper (`X-Hub-Signature-256: sha256=<hex HMAC>`).
 */

/** A Graph-style numeric id (PSID, IGSID, page or account id): 16 digits. */
export function fakeMetaId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 15 }, () => randomInt(0, 10)).join('')}`;
}

/** A message id like the ones Meta returns and sends (`m_…`). */
export function fakeMid(): string {
  return `m_${randomBytes(24).toString('base64url')}`;
}

interface Between {
  /** The page id (Messenger) or Instagram account id: `entry.id`. */
  accountId: string;
  /** The customer's PSID or IGSID. */
  customerId: string;
  timestamp?: number;
}

export interface FakeAttachment {
  type: string;
  payload: { url?: string; [key: string]: unknown } | null;
}

/** Sent by the customer: sender = customer, recipient = page/account. */
function fromCustomer(input: Between, fields: object) {
  return { sender: { id: input.customerId }, recipient: { id: input.accountId }, timestamp: input.timestamp ?? Date.now(), ...fields };
}

export function customerMessageItem(
  input: Between & {
    text?: string;
    attachments?: FakeAttachment[];
    mid?: string;
    quickReplyPayload?: string;
    replyToMid?: string;
    /** Instagram: the customer answered a story. */
    replyToStory?: { id: string; url: string };
  },
) {
  const replyTo = input.replyToStory ? { story: input.replyToStory } : input.replyToMid ? { mid: input.replyToMid } : undefined;
  return fromCustomer(input, {
    message: {
      mid: input.mid ?? fakeMid(),
      ...(input.text === undefined ? {} : { text: input.text }),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.quickReplyPayload ? { quick_reply: { payload: input.quickReplyPayload } } : {}),
      ...(replyTo ? { reply_to: replyTo } : {}),
    },
  });
}

/** Instagram: the customer mentioned the account in their story. */
export function storyMentionItem(input: Between & { url: string; mid?: string }) {
  return customerMessageItem({ ...input, attachments: [{ type: 'story_mention', payload: { url: input.url } }] });
}

/** Sent BY the page/account (Business Suite, the Instagram app, or a Send API call with that mid). */
export function echoItem(input: Between & { mid: string; text?: string; attachments?: FakeAttachment[]; appId?: number }) {
  return {
    sender: { id: input.accountId },
    recipient: { id: input.customerId },
    timestamp: input.timestamp ?? Date.now(),
    message: {
      mid: input.mid,
      is_echo: true,
      ...(input.appId === undefined ? {} : { app_id: input.appId }),
      ...(input.text === undefined ? {} : { text: input.text }),
      ...(input.attachments ? { attachments: input.attachments } : {}),
    },
  };
}

/** Messenger reads carry a watermark (everything up to it is read); Instagram reads name the mid. */
export function readItem(input: Between & ({ watermark: number } | { mid: string })) {
  return fromCustomer(input, { read: 'watermark' in input ? { watermark: input.watermark } : { mid: input.mid } });
}

export function deliveryItem(input: Between & { watermark: number; mids?: string[] }) {
  return fromCustomer(input, { delivery: { watermark: input.watermark, ...(input.mids ? { mids: input.mids } : {}) } });
}

export function postbackItem(input: Between & { title: string; payload: string; mid?: string }) {
  return fromCustomer(input, { postback: { title: input.title, payload: input.payload, mid: input.mid ?? fakeMid() } });
}

export function reactionItem(input: Between & { mid: string; action: 'react' | 'unreact'; emoji?: string; reaction?: string }) {
  const reaction = {
    mid: input.mid,
    action: input.action,
    ...(input.emoji ? { emoji: input.emoji } : {}),
    ...(input.reaction ? { reaction: input.reaction } : {}),
  };
  return fromCustomer(input, { reaction });
}

/** Instagram: the customer unsent the message `mid`. */
export function deletedItem(input: Between & { mid: string }) {
  return fromCustomer(input, { message: { mid: input.mid, is_deleted: true } });
}

export interface FakeMetaEntry {
  accountId: string;
  items: readonly object[];
  time?: number;
}

/** A webhook body with one entry per account; several items per entry. */
export function metaWebhookBody(channel: FakeMetaChannel, entries: readonly FakeMetaEntry[]) {
  return {
    object: channel === 'messenger' ? 'page' : 'instagram',
    entry: entries.map((entry) => ({ id: entry.accountId, time: entry.time ?? Date.now(), messaging: [...entry.items] })),
  };
}

export function signMetaBody(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The exact bytes and headers Meta would POST for `body`. */
export function signedMetaRequest(body: string | Buffer | object, appSecret: string): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return {
    rawBody,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(rawBody, appSecret) },
  };
}

export interface PostMetaWebhookOptions {
  /** Overrides the computed signature; null sends no signature header at all. */
  signature?: string | null;
}

export interface PostMetaWebhookResult {
  status: number;
  /** Parsed JSON when the answer was JSON, else the raw text. */
  body: unknown;
}

/** POSTs a (by default correctly signed) Meta webhook to `url` (the relay's full webhook URL). */
export async function postMetaWebhook(
  url: string,
  body: string | Buffer | object,
  appSecret: string,
  options: PostMetaWebhookOptions = {},
): Promise<PostMetaWebhookResult> {
  const signed = signedMetaRequest(body, appSecret);
  const headers = { ...signed.headers };
  if (options.signature === null) delete headers['x-hub-signature-256'];
  else if (options.signature !== undefined) headers['x-hub-signature-256'] = options.signature;
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(signed.rawBody) });
  const parsed = parseBody(await response.text());
  return { status: response.status, body: parsed.ok ? parsed.value : parsed.raw };
}
