import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { sniffContentType } from './content-type';
import { MediaTooLargeError, type MediaFileStore, type PartialFile } from './media-files';
import { makePreview } from './upload-preview';

/** A received upload, checked and in place under its media id (the full file, and a preview for a large photo). */
export interface TakenUpload {
  contentType: string;
  size: number;
  previewContentType: string | null;
}

export type UploadRefusal = { status: 400 | 413 | 415; code: 'INVALID_UPLOAD' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE'; error: string };

/**
 * Receives an upload's bytes (agents' and web chat visitors' alike): at most `limit` bytes, not empty, its type
 * checked by its bytes — a photo must be one of `imageTypes`, a file must not be a program — then a preview of a
 * large photo (upload-preview.ts), and both committed under `mediaId`. Nothing is left behind when refused.
 */
export async function takeUpload(
  req: IncomingMessage,
  files: MediaFileStore,
  input: { kind: 'image' | 'file'; limit: number; imageTypes: readonly string[]; imageTypeNames: string; mediaId: string },
): Promise<TakenUpload | UploadRefusal> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > input.limit) return tooLarge(input.kind, input.limit);
  let file: PartialFile;
  try {
    file = await files.receive(req, input.limit);
  } catch (error) {
    if (error instanceof MediaTooLargeError) return tooLarge(input.kind, input.limit);
    throw error;
  }
  const temporaries: PartialFile[] = [file];
  try {
    if (file.size === 0) return { status: 400, code: 'INVALID_UPLOAD', error: 'The upload is empty' };
    const sniffed = await sniffContentType(file.head, input.kind);
    if (input.kind === 'image' && (!sniffed || !input.imageTypes.includes(sniffed))) {
      return { status: 415, code: 'UNSUPPORTED_TYPE', error: `Photos must be ${input.imageTypeNames} images (checked by their content, not their name); send other files as a file` };
    }
    if (!sniffed) return { status: 415, code: 'UNSUPPORTED_TYPE', error: 'Programs cannot be sent' };
    let previewContentType: string | null = null;
    if (input.kind === 'image') {
      const preview = await makePreview(await readFile(file.path)).catch(() => null);
      if (preview) {
        const previewFile = await files.receive([preview], preview.length + 1);
        temporaries.push(previewFile);
        await previewFile.commit(input.mediaId, 'preview');
        previewContentType = 'image/jpeg';
      }
    }
    await file.commit(input.mediaId, 'full');
    return { contentType: sniffed, size: file.size, previewContentType };
  } finally {
    for (const temporary of temporaries) await temporary.discard();
  }
}

export function isUploadRefusal(result: TakenUpload | UploadRefusal): result is UploadRefusal {
  return 'code' in result;
}

function tooLarge(kind: 'image' | 'file', limit: number): UploadRefusal {
  return { status: 413, code: 'TOO_LARGE', error: `${kind === 'image' ? 'Photos' : 'Files'} may be at most ${(limit / (1024 * 1024)).toFixed(0)} MB` };
}

/** The `X-File-Name` header (URI-encoded): 1–200 characters without path separators or control characters, or null. */
export function decodeFileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    const name = decodeURIComponent(header).replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
    return name.length >= 1 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

/** `?kind=image|file` of an upload request, or null. */
export function uploadKindOf(req: IncomingMessage): 'image' | 'file' | null {
  const kind = new URL(req.url ?? '/', 'http://relay.invalid').searchParams.get('kind');
  return kind === 'image' || kind === 'file' ? kind : null;
}
