import { isSendableLineSticker } from '../../shared/channels/line-stickers';
import type { MutationAck, ReplySendContentPayload } from '../../shared/protocol';
import type { OutboundContent, RelayStore } from '../store/relay-store';

/** What a reply.sendContent becomes: the stored content and its stand-in text, or the refusal to answer with. */
export type ResolvedContent = { ok: true; content: OutboundContent; text: string } | { ok: false; answer: MutationAck };

const invalid = (message: string): ResolvedContent => ({ ok: false, answer: { ok: false, code: 'INVALID_MUTATION', message } });

/**
 * Checks a photo, file or sticker against the conversation's channel before anything is stored: stickers are
 * LINE's (and only those bots may send), photos and files must have been uploaded and need the relay's public
 * address, since LINE and Meta fetch them by URL.
 */
export async function resolveOutboundContent(store: RelayStore, payload: ReplySendContentPayload, publicBaseUrl: string | null): Promise<ResolvedContent> {
  const conversation = await store.getConversation(payload.conversationId);
  if (!conversation) return { ok: false, answer: { ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${payload.conversationId} on this relay` } };
  const content = payload.content;
  if (content.type === 'sticker') {
    if (conversation.channel !== 'line') return invalid('Stickers can be sent only in LINE conversations');
    if (!isSendableLineSticker(content.packageId, content.stickerId)) {
      return invalid(`Sticker ${content.packageId}/${content.stickerId} is not one LINE lets official accounts send`);
    }
    return { ok: true, content, text: '[貼圖]' };
  }
  // Web chat visitors load it from the relay that served their widget; LINE and Meta need the public address.
  if (conversation.channel !== 'webchat' && !publicBaseUrl) return invalid('The relay has no public https address (RELAY_PUBLIC_URL), so LINE and Meta cannot fetch photos or files from it');
  const upload = await store.getUpload(content.uploadId);
  if (!upload) return invalid(`No upload ${content.uploadId} on this relay: upload the file first (PUT /uploads/<uploadId>)`);
  if (upload.kind !== content.type) return invalid(`Upload ${content.uploadId} is a ${upload.kind}, not a ${content.type}`);
  if (upload.kind === 'image') {
    return {
      ok: true,
      content: { type: 'image', publicId: upload.publicId, contentType: upload.contentType, size: upload.size, previewContentType: upload.previewContentType },
      text: '[圖片]',
    };
  }
  return {
    ok: true,
    content: { type: 'file', publicId: upload.publicId, contentType: upload.contentType, size: upload.size, fileName: upload.fileName },
    text: `[檔案：${upload.fileName}]`,
  };
}
