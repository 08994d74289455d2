import { createHash } from 'node:crypto';
import { WEBCHAT_ACCOUNT_ID } from '../../../shared/channels/conversation-id';
import type { InboundBody } from '../../store/channel-store-types';
import type { VisitorUploadRecord, WebchatCustomer } from '../../store/webchat-store-types';
import type { MessageContent } from '../../../shared/protocol/message-content';
import { mediaPreviewUrlOf, mediaUrlOf } from '../../store/sqlite-media';

/**
 * The message id of a visitor's message, the same for every resend of one `send` (same visitor, same clientId),
 * so a resend the relay already stored is answered with the id it first got. Not reversible to the visitor id.
 */
export function visitorMessageId(visitorId: string, clientId: string): string {
  return `wc_${createHash('sha256').update(`${visitorId}:${clientId}`).digest('base64url').slice(0, 32)}`;
}

/** The idempotency key the store dedupes inbound items by (channel-scoped, like `line:<webhookEventId>`). */
export const visitorDedupeKey = (visitorId: string, clientId: string) => `webchat:${visitorId}:${clientId}`;

/**
 * A photo or file the visitor sent, as agents get it — like a LINE customer's once downloaded: the stand-in text,
 * and `media` at once (it is already on the relay, at `/media/<mediaId>` for agents).
 */
export function visitorAttachmentMessage(upload: VisitorUploadRecord): { kind: 'image' | 'file'; text: string; content: MessageContent } {
  const media = {
    url: mediaUrlOf(upload.mediaId),
    contentType: upload.contentType,
    size: upload.size,
    ...(upload.previewContentType ? { previewUrl: mediaPreviewUrlOf(upload.mediaId) } : {}),
  };
  if (upload.kind === 'image') return { kind: 'image', text: '[圖片]', content: { media } };
  return { kind: 'file', text: `[檔案：${upload.fileName}]`, content: { media, file: { name: upload.fileName, size: upload.size } } };
}

/** A visitor's stored-once message (text, or a photo or file they uploaded) as an inbound body for the store, like any channel's webhook body. */
export function visitorMessageBody(input: {
  visitorId: string;
  clientId: string;
  text: string;
  customer: WebchatCustomer;
  now: number;
  attachment?: VisitorUploadRecord;
}): InboundBody {
  const attached = input.attachment ? visitorAttachmentMessage(input.attachment) : null;
  return {
    receivedAt: input.now,
    items: [
      {
        channel: 'webchat',
        dedupeKey: visitorDedupeKey(input.visitorId, input.clientId),
        eventType: 'message',
        occurredAt: input.now,
        conversation: {
          channel: 'webchat',
          accountId: WEBCHAT_ACCOUNT_ID,
          customerId: input.customer.customerId,
          id: input.customer.conversationId,
          placeholderName: input.customer.displayName,
          profileKey: null,
        },
        upsertConversation: true,
        message: {
          messageId: visitorMessageId(input.visitorId, input.clientId),
          ...(attached ? { kind: attached.kind, text: attached.text, content: attached.content } : { kind: 'text', text: input.text }),
        },
        echo: null,
        // Web chat has no window to keep (replies always go out), but a customer's message is what makes the
        // relay look at the conversation after storing it (automatic answers).
        window: { kind: 'customer_message' },
        channelEvent: null,
      },
    ],
  };
}
