import { WEBCHAT_IMAGE_TYPES, WEBCHAT_UPLOAD_PREFIX, webchatUploadErrorSchema } from '../shared/protocol/webchat';
import { MAX_UPLOAD_BYTES } from '../shared/protocol/upload-limits';
import { ShopInboxChatError } from './chat-error';

/** A photo (one every browser shows) is sent as a photo; anything else as a file. The relay checks the bytes. */
export function uploadKindOf(file: Blob): 'image' | 'file' {
  return WEBCHAT_IMAGE_TYPES.includes(file.type) ? 'image' : 'file';
}

/**
 * Puts a photo or file on the relay before it is sent (`PUT /webchat/uploads/<uploadId>`, docs/protocol.md): the
 * visitor id as bearer, the name in `X-File-Name`. Resolves once stored (201, or 200 for a repeat of the id);
 * rejects with the relay's code (TOO_LARGE, UNSUPPORTED_TYPE, RATE_LIMITED, STORAGE_FULL, …) or OFFLINE.
 */
export async function uploadAttachment(input: {
  url: (path: string) => string;
  visitorId: string;
  uploadId: string;
  file: Blob & { name?: string };
}): Promise<void> {
  const kind = uploadKindOf(input.file);
  if (input.file.size > MAX_UPLOAD_BYTES[kind]) throw new ShopInboxChatError('TOO_LARGE', `At most ${MAX_UPLOAD_BYTES[kind] / (1024 * 1024)} MB`);
  let response: Response;
  try {
    response = await fetch(input.url(`${WEBCHAT_UPLOAD_PREFIX}${input.uploadId}?kind=${kind}`), {
      method: 'PUT',
      mode: 'cors',
      credentials: 'omit',
      headers: {
        authorization: `Bearer ${input.visitorId}`,
        'x-file-name': encodeURIComponent(input.file.name || (kind === 'image' ? 'photo' : 'file')),
        'content-type': input.file.type || 'application/octet-stream',
      },
      body: input.file,
    });
  } catch {
    throw new ShopInboxChatError('OFFLINE', 'The shop chat could not be reached; the file was not sent');
  }
  if (response.ok) return;
  const refusal = webchatUploadErrorSchema.safeParse(await response.json().catch(() => null));
  throw refusal.success ? new ShopInboxChatError(refusal.data.code, refusal.data.error) : new ShopInboxChatError('INTERNAL', `The relay answered ${response.status}`);
}
