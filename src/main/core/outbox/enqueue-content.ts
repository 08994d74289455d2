import { randomUUID } from 'node:crypto';
import { isSendableLineSticker } from '../../../shared/channels/line-stickers';
import { MAX_UPLOAD_BYTES, UPLOADABLE_IMAGE_TYPES, replySendContentPayload, type OutboundContentRef } from '../../../shared/protocol/outbound-content';
import type { MessageContent } from '../../../shared/protocol/message-content';
import type { LocalDatabase } from '../store/database';
import { bumpLastMessage, getConversation } from '../store/conversations';
import { insertMessageIfNew } from '../store/messages';
import { getServerTimeOffset, getStoredAgent } from '../store/meta';
import { insertOutboxItem } from '../store/outbox';
import type { OutboxFiles } from './outbox-files';
import type { EnqueueReplyResult } from './enqueue-reply';

/** A photo, file or sticker the agent sends (IPC `reply:sendContent`). */
export type ContentToSend =
  | { type: 'image' | 'file'; name: string; contentType: string; dataBase64: string }
  | { type: 'sticker'; packageId: string; stickerId: string };

/** Local content URLs of queued files (`outbox:<uploadId>`): shown from the outbox folder until the relay has them. */
export const OUTBOX_MEDIA_PREFIX = 'outbox:';

const refuse = (code: string, message: string): EnqueueReplyResult => ({ ok: false, code, message });

/**
 * Queues a photo, file or sticker like a reply: the file is kept in the outbox folder first, then the optimistic
 * message and the `reply.sendContent` outbox row are written in ONE transaction (offline works; the flusher uploads
 * the file before sending the mutation).
 */
export async function enqueueContent(
  db: () => LocalDatabase,
  files: OutboxFiles,
  input: { conversationId: string; content: ContentToSend; quoteOf?: string | undefined },
  now: () => number,
): Promise<EnqueueReplyResult> {
  const conversation = getConversation(db(), input.conversationId);
  if (!conversation) return refuse('UNKNOWN_CONVERSATION', `No conversation ${input.conversationId} here`);
  const id = randomUUID();
  const uploadId = `up_${id.replace(/-/g, '')}`;
  let ref: OutboundContentRef;
  let shown: MessageContent;
  let text: string;
  let kind: string;
  const content = input.content;
  if (content.type === 'sticker') {
    if (conversation.channel !== 'line') return refuse('NOT_SUPPORTED', 'Stickers can be sent only in LINE conversations');
    if (!isSendableLineSticker(content.packageId, content.stickerId)) return refuse('NOT_SUPPORTED', 'LINE does not let official accounts send this sticker');
    ref = { type: 'sticker', packageId: content.packageId, stickerId: content.stickerId };
    shown = { sticker: { packageId: content.packageId, stickerId: content.stickerId } };
    text = '[貼圖]';
    kind = 'sticker';
  } else {
    const bytes = Buffer.from(content.dataBase64, 'base64');
    if (bytes.length === 0) return refuse('INVALID_FILE', 'The file is empty');
    if (bytes.length > MAX_UPLOAD_BYTES[content.type]) {
      return refuse('TOO_LARGE', `${content.type === 'image' ? 'Photos' : 'Files'} may be at most ${MAX_UPLOAD_BYTES[content.type] / (1024 * 1024)} MB`);
    }
    if (content.type === 'image' && !UPLOADABLE_IMAGE_TYPES.includes(content.contentType)) {
      return refuse('UNSUPPORTED_TYPE', 'Photos must be JPEG or PNG; send other files as a file');
    }
    await files.write(uploadId, bytes);
    ref = { type: content.type, uploadId };
    const name = content.name.slice(0, 200) || (content.type === 'image' ? 'photo' : 'file');
    // The name goes with the upload (the relay names the download by it); photos keep theirs too.
    shown = {
      media: { url: `${OUTBOX_MEDIA_PREFIX}${uploadId}`, contentType: content.contentType, size: bytes.length },
      file: { name, size: bytes.length },
    };
    text = content.type === 'image' ? '[圖片]' : `[檔案：${name}]`;
    kind = content.type;
  }
  const payload = replySendContentPayload.parse({ conversationId: input.conversationId, content: ref, ...(input.quoteOf ? { quoteOf: input.quoteOf } : {}) });
  const store = db();
  const agentNow = now();
  const relayNow = agentNow + getServerTimeOffset(store);
  store.transaction(() => {
    insertMessageIfNew(store, {
      id,
      serverId: null,
      conversationId: input.conversationId,
      direction: 'out',
      kind,
      text,
      createdAt: relayNow,
      author: getStoredAgent(store)?.name ?? null,
      delivery: 'queued',
      deliveryReason: null,
      mutationId: id,
      contentJson: JSON.stringify({ ...shown, ...(input.quoteOf ? { quotedMessageId: input.quoteOf } : {}) }),
    });
    insertOutboxItem(store, { id, type: 'reply.sendContent', payload, conversationId: input.conversationId, createdAt: agentNow });
    bumpLastMessage(store, input.conversationId, { at: relayNow, preview: text, direction: 'out' }, 0);
  })();
  return { ok: true, messageId: id };
}

/** The name a queued photo or file was given (its optimistic message's content). */
export function queuedFileName(db: LocalDatabase, mutationId: string): string | null {
  const row = db.prepare('SELECT content_json FROM messages WHERE mutation_id = ?').get(mutationId) as { content_json: string | null } | undefined;
  if (!row?.content_json) return null;
  try {
    const content = JSON.parse(row.content_json) as MessageContent;
    return content.file?.name ?? null;
  } catch {
    return null;
  }
}
