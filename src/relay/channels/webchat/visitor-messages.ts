import type { RelayEvent } from '../../../shared/protocol';
import { webchatMessageSchema, type WebchatAttachment, type WebchatMessage } from '../../../shared/protocol/webchat';
import type { MessageContent } from '../../../shared/protocol/message-content';

/**
 * A photo or file as the visitor gets it, on a path of the relay fetched without credentials: an agent's
 * (`/media/u_<id>` → `/public/media/<id>`) or the visitor's own (`/media/w_<id>` → `/webchat/media/w_<id>`).
 */
export function visitorAttachmentOf(content: MessageContent | undefined): WebchatAttachment | undefined {
  const url = content?.media?.url;
  let path: string;
  if (url?.startsWith('/media/u_')) path = `/public/media/${url.slice('/media/u_'.length)}`;
  else if (url?.startsWith('/media/w_')) path = `/webchat/media/${url.slice('/media/'.length)}`;
  else return undefined;
  return {
    kind: content?.file ? 'file' : 'image',
    path,
    name: content?.file?.name ?? 'photo',
    size: content?.media?.size ?? 0,
  };
}

/** A message as the visitor sees it, with the seq of the event that made it visible (read positions, unread counts). */
export interface VisitorMessage extends WebchatMessage {
  seq: number;
}

/** Agent messages waiting for their sent_free at most (a bound for the live reader's memory). */
const MAX_PENDING = 10_000;

/**
 * Turns a web chat conversation's events into what its visitor sees: the customer's `message.received` and the
 * agents' messages once they are `sent_free` (stored for the visitor — the web chat sender answers that for every
 * item). An agent message appears at the event that made it sent_free, with the text it had then (a held
 * message may have been edited). Feed events in seq order; one folder serves any number of conversations.
 */
export function createVisitorMessageFolder() {
  const pending = new Map<string, { text: string; attachment: WebchatAttachment | undefined }>();
  const visible = (event: RelayEvent, message: WebchatMessage): VisitorMessage | null => {
    // Never hand the widget something its schema refuses: it would drop the whole frame.
    return webchatMessageSchema.safeParse(message).success ? { ...message, seq: event.seq } : null;
  };
  return {
    next(event: RelayEvent): VisitorMessage | null {
      switch (event.type) {
        case 'message.received': {
          const attachment = visitorAttachmentOf(event.payload);
          return visible(event, { id: event.payload.messageId, text: event.payload.text, from: 'visitor', at: event.occurredAt, ...(attachment ? { attachment } : {}) });
        }
        case 'message.sent': {
          const attachment = visitorAttachmentOf(event.payload.content);
          if (event.payload.delivery === 'sent_free') {
            return visible(event, { id: event.payload.messageId, text: event.payload.text, from: 'agent', at: event.occurredAt, ...(attachment ? { attachment } : {}) });
          }
          if (event.payload.delivery === 'sending' || event.payload.delivery === 'held') {
            pending.set(event.payload.messageId, { text: event.payload.text, attachment });
            if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as string);
          }
          return null;
        }
        case 'message.edited': {
          const held = pending.get(event.payload.messageId);
          if (held) pending.set(event.payload.messageId, { ...held, text: event.payload.text });
          return null;
        }
        case 'delivery.updated': {
          const held = pending.get(event.payload.messageId);
          if (held === undefined) return null;
          if (event.payload.delivery === 'sent_free') {
            pending.delete(event.payload.messageId);
            return visible(event, { id: event.payload.messageId, text: held.text, from: 'agent', at: event.occurredAt, ...(held.attachment ? { attachment: held.attachment } : {}) });
          }
          if (event.payload.delivery === 'failed' || event.payload.delivery === 'cancelled') pending.delete(event.payload.messageId);
          return null;
        }
        default:
          return null;
      }
    },
  };
}

/** The visitor-facing messages of one conversation's events (all of them, oldest first), at most the newest `max`. */
export function visitorMessagesOf(events: readonly RelayEvent[], max: number): VisitorMessage[] {
  const folder = createVisitorMessageFolder();
  const messages: VisitorMessage[] = [];
  for (const event of events) {
    const message = folder.next(event);
    if (message) messages.push(message);
  }
  return messages.slice(-max);
}

/** Agent messages after the visitor's read position. */
export function unreadCount(messages: readonly VisitorMessage[], readUpToSeq: number): number {
  return messages.filter((message) => message.from === 'agent' && message.seq > readUpToSeq).length;
}

/** The wire form (no seq). */
export function toWire({ id, text, from, at, attachment }: VisitorMessage): WebchatMessage {
  return { id, text, from, at, ...(attachment ? { attachment } : {}) };
}
