import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UPLOAD_ID_PATTERN, UPLOADABLE_IMAGE_TYPES, type UploadResult } from '../../shared/protocol/outbound-content';
import { sniffContentType } from '../media/content-type';
import { MediaTooLargeError, type MediaFileStore, type PartialFile } from '../media/media-files';
import { makePreview } from '../media/upload-preview';
import type { RelayStore, UploadRecord } from '../store/relay-store';
import { uploadMediaIdOf } from '../store/sqlite-outbound-content';
import { authenticateBearer } from './bearer-agent';
import { sendJson } from './json-response';

export const UPLOAD_PATH = /^\/uploads\/([A-Za-z0-9_-]{8,64})$/;

export interface UploadDeps {
  store: RelayStore;
  files: MediaFileStore;
  /** Per kind: the largest upload kept. */
  maxBytes: { image: number; file: number };
  now: () => number;
}

const resultOf = (record: UploadRecord): UploadResult => ({ uploadId: record.uploadId, kind: record.kind, contentType: record.contentType, size: record.size });

/**
 * `PUT /uploads/<uploadId>?kind=image|file` with `X-File-Name` (URI-encoded) and the bytes: a photo or file an
 * agent is about to send. The id is the client's, so a retried upload is stored once (the first one's answer
 * again). Photos must be JPEG or PNG by their bytes (what LINE takes); programs are refused whatever their name.
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, deps: UploadDeps, path: string): Promise<void> {
  const refuse = (status: number, code: string, error: string) => {
    sendJson(res, status, { code, error }, { connection: 'close' });
    req.resume();
  };
  const match = UPLOAD_PATH.exec(path);
  if (!match || !UPLOAD_ID_PATTERN.test(match[1]!)) return refuse(400, 'INVALID_UPLOAD', 'The upload id must be 8–64 letters, digits, "-" or "_"');
  const agent = await authenticateBearer(req, deps.store);
  if (!agent) return refuse(401, 'UNAUTHORIZED', 'Send a valid agent token as "Authorization: Bearer …"');
  const uploadId = match[1]!;
  const existing = await deps.store.getUpload(uploadId);
  if (existing) {
    req.resume();
    return sendJson(res, 200, resultOf(existing));
  }
  const kind = new URL(req.url ?? '/', 'http://relay.invalid').searchParams.get('kind');
  if (kind !== 'image' && kind !== 'file') return refuse(400, 'INVALID_UPLOAD', 'Say what the upload is: ?kind=image or ?kind=file');
  const fileName = decodeFileName(req.headers['x-file-name']);
  if (!fileName) return refuse(400, 'INVALID_UPLOAD', 'Send the file name (1–200 characters, URI-encoded) as X-File-Name');
  const limit = deps.maxBytes[kind];
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return refuse(413, 'TOO_LARGE', tooLarge(kind, limit));

  let file: PartialFile;
  try {
    file = await deps.files.receive(req, limit);
  } catch (error) {
    if (error instanceof MediaTooLargeError) return refuse(413, 'TOO_LARGE', tooLarge(kind, limit));
    throw error;
  }
  const temporaries: PartialFile[] = [file];
  const publicId = randomBytes(24).toString('base64url');
  const mediaId = uploadMediaIdOf(publicId);
  try {
    if (file.size === 0) return refuse(400, 'INVALID_UPLOAD', 'The upload is empty');
    const sniffed = await sniffContentType(file.head, kind);
    if (kind === 'image' && (!sniffed || !UPLOADABLE_IMAGE_TYPES.includes(sniffed))) {
      return refuse(415, 'UNSUPPORTED_TYPE', 'Photos must be JPEG or PNG images (checked by their content, not their name); send other files as a file');
    }
    if (!sniffed) return refuse(415, 'UNSUPPORTED_TYPE', 'Programs cannot be sent to customers');
    let previewContentType: string | null = null;
    if (kind === 'image') {
      const preview = await makePreview(await readFileOf(file)).catch(() => null);
      if (preview) {
        const previewFile = await deps.files.receive([preview], preview.length + 1);
        temporaries.push(previewFile);
        await previewFile.commit(mediaId, 'preview');
        previewContentType = 'image/jpeg';
      }
    }
    await file.commit(mediaId, 'full');
    const record = await deps.store.recordUpload({
      uploadId,
      publicId,
      agentName: agent.name,
      kind,
      contentType: sniffed,
      size: file.size,
      fileName,
      previewContentType,
      createdAt: deps.now(),
    });
    // The same id uploaded twice at once: the first record stands, this copy goes.
    if (record.publicId !== publicId) await deps.files.remove(mediaId);
    sendJson(res, record.publicId === publicId ? 201 : 200, resultOf(record));
  } finally {
    for (const temporary of temporaries) await temporary.discard();
  }
}

function decodeFileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    const name = decodeURIComponent(header).replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
    return name.length >= 1 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

function tooLarge(kind: 'image' | 'file', limit: number): string {
  return `${kind === 'image' ? 'Photos' : 'Files'} may be at most ${(limit / (1024 * 1024)).toFixed(0)} MB`;
}

/** The received bytes (the temporary file, before it gets its name). */
async function readFileOf(file: PartialFile): Promise<Buffer> {
  return readFile(file.path);
}
