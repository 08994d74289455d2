import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { describeZodError } from '../line/callback-schema';
import type { MetaAttachment, MetaChannel, MetaIntakeBase, MetaIntakeItem, MetaIntakeKind } from './intake-items';
import {
  META_ITEM_FIELDS,
  metaItemEnvelopeSchema,
  metaWebhookSchema,
  type MetaWebhookEntry,
} from './webhook-schema';

type MetaMessage = z.infer<typeof META_ITEM_FIELDS.message>;
type ItemField = keyof typeof META_ITEM_FIELDS;

export type MetaIntakeResult = { ok: true; channel: MetaChannel; items: MetaIntakeItem[] } | { ok: false; error: string };

function hashKey(channel: MetaChannel, accountId: string, raw: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify([accountId, raw])).digest('hex');
  return `${channel}:sha256:${digest}`;
}

function attachmentsOf(message: MetaMessage): MetaAttachment[] {
  return (message.attachments ?? []).map((attachment) => {
    const payload = attachment.payload ?? null;
    const stickerId = payload?.sticker_id;
    return {
      type: attachment.type,
      url: payload?.url ?? attachment.url ?? null,
      title: attachment.title ?? payload?.title ?? null,
      stickerId: stickerId === undefined ? null : String(stickerId),
      payload,
    };
  });
}

function messageKind(message: MetaMessage): MetaIntakeKind {
  if (message.is_deleted) return { kind: 'deleted', mid: message.mid };
  const attachments = attachmentsOf(message);
  const text = message.text ?? null;
  if (message.is_echo) return { kind: 'echo', mid: message.mid, text, attachments, appId: message.app_id ?? null };
  const story = message.reply_to?.story;
  const mention = attachments.find((attachment) => attachment.type === 'story_mention');
  return {
    kind: 'message',
    mid: message.mid,
    text,
    attachments,
    quickReplyPayload: message.quick_reply?.payload ?? null,
    replyTo: message.reply_to?.mid ? { mid: message.reply_to.mid } : null,
    storyReply: story ? { id: story.id ?? null, url: story.url ?? null } : null,
    storyMention: mention ? { url: mention.url } : null,
  };
}

/** Reads one payload field; null (with why) when it does not have the shape we know. */
function kindOf(field: ItemField, value: unknown): { kind: MetaIntakeKind } | { detail: string } {
  const parsed = META_ITEM_FIELDS[field].safeParse(value);
  if (!parsed.success) return { detail: `${field}: ${describeZodError(parsed.error)}` };
  switch (field) {
    case 'message':
      return { kind: messageKind(parsed.data as MetaMessage) };
    case 'postback': {
      const postback = parsed.data as z.infer<typeof META_ITEM_FIELDS.postback>;
      return { kind: { kind: 'postback', title: postback.title ?? null, payload: postback.payload ?? null, mid: postback.mid ?? null } };
    }
    case 'read': {
      const read = parsed.data as z.infer<typeof META_ITEM_FIELDS.read>;
      return { kind: { kind: 'read', watermark: read.watermark ?? null, mid: read.mid ?? null } };
    }
    case 'delivery': {
      const delivery = parsed.data as z.infer<typeof META_ITEM_FIELDS.delivery>;
      return { kind: { kind: 'delivery', mids: delivery.mids ?? [], watermark: delivery.watermark ?? null } };
    }
    case 'reaction': {
      const reaction = parsed.data as z.infer<typeof META_ITEM_FIELDS.reaction>;
      return {
        kind: { kind: 'reaction', mid: reaction.mid, action: reaction.action, emoji: reaction.emoji ?? null, reaction: reaction.reaction ?? null },
      };
    }
  }
}

function dedupeKeyOf(channel: MetaChannel, accountId: string, kind: MetaIntakeKind, raw: unknown): string {
  if (kind.kind === 'message' || kind.kind === 'echo') return `${channel}:mid:${kind.mid}`;
  // The unsend carries the withdrawn message's mid: it must not dedupe against that message.
  if (kind.kind === 'deleted') return `${channel}:deleted:${kind.mid}`;
  if (kind.kind === 'postback' && kind.mid) return `${channel}:postback:${kind.mid}`;
  // Reads, deliveries, reactions: Meta redelivers the same JSON, so its hash is a stable key.
  return hashKey(channel, accountId, raw);
}

/** The customer's id: the side of the conversation that is not the page/account (echoes are sent BY the page). */
function customerOf(accountId: string, senderId: string, recipientId: string, isEcho: boolean): string {
  if (isEcho || senderId === accountId) return recipientId;
  return senderId;
}

interface Where {
  channel: MetaChannel;
  accountId: string;
  standby: boolean;
}

function unknownItem(where: Where, raw: unknown, detail: string, customerId: string | null, timestamp: number): MetaIntakeItem {
  return { ...where, customerId, timestamp, dedupeKey: hashKey(where.channel, where.accountId, raw), kind: 'unknown', detail, raw };
}

function intakeItem(channel: MetaChannel, entry: MetaWebhookEntry, raw: unknown, standby: boolean): MetaIntakeItem {
  const accountId = entry.id;
  const envelope = metaItemEnvelopeSchema.safeParse(raw);
  const unknown = (detail: string, customerId: string | null, timestamp: number) =>
    unknownItem({ channel, accountId, standby }, raw, detail, customerId, timestamp);
  if (!envelope.success) return unknown(`item: ${describeZodError(envelope.error)}`, null, entry.time);

  const { sender, recipient } = envelope.data;
  const timestamp = envelope.data.timestamp ?? entry.time;
  const record = raw as Record<string, unknown>;
  const fields = (Object.keys(META_ITEM_FIELDS) as ItemField[]).filter((field) => record[field] !== undefined);
  const field = fields[0];
  if (field === undefined || fields.length > 1) {
    const keys = Object.keys(record).filter((key) => !['sender', 'recipient', 'timestamp'].includes(key));
    return unknown(`kind: ${keys.join(', ') || '(none)'}`, customerOf(accountId, sender.id, recipient.id, false), timestamp);
  }
  const read = kindOf(field, record[field]);
  if ('detail' in read) return unknown(read.detail, customerOf(accountId, sender.id, recipient.id, false), timestamp);
  const base: MetaIntakeBase = {
    channel,
    accountId,
    customerId: customerOf(accountId, sender.id, recipient.id, read.kind.kind === 'echo'),
    timestamp,
    standby,
    dedupeKey: dedupeKeyOf(channel, accountId, read.kind, raw),
  };
  return { ...base, ...read.kind };
}

function entryItems(channel: MetaChannel, entry: MetaWebhookEntry): MetaIntakeItem[] {
  const items = [
    ...(entry.messaging ?? []).map((raw) => intakeItem(channel, entry, raw, false)),
    ...(entry.standby ?? []).map((raw) => intakeItem(channel, entry, raw, true)),
  ];
  for (const change of entry.changes ?? []) {
    items.push(unknownItem({ channel, accountId: entry.id, standby: false }, change, 'change', null, entry.time));
  }
  return items;
}

/**
 * Turns a verified, JSON-parsed Meta webhook body into intake items, sorted by `timestamp` (stable for ties;
 * Meta does not promise order). Only an envelope that is not a Messenger/Instagram webhook is refused.
 */
export function parseMetaWebhook(body: unknown): MetaIntakeResult {
  const parsed = metaWebhookSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const channel: MetaChannel = parsed.data.object === 'page' ? 'messenger' : 'instagram';
  const items = parsed.data.entry
    .flatMap((entry) => entryItems(channel, entry))
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.timestamp - b.item.timestamp || a.index - b.index)
    .map(({ item }) => item);
  return { ok: true, channel, items };
}
