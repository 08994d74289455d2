import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UPLOAD_ID_PATTERN, UPLOADABLE_IMAGE_TYPES, type UploadResult } from '../../shared/protocol/outbound-content';
import type { MediaFileStore } from '../media/media-files';
import { decodeFileName, isUploadRefusal, takeUpload, uploadKindOf } from '../media/upload-intake';
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
  const kind = uploadKindOf(req);
  if (!kind) return refuse(400, 'INVALID_UPLOAD', 'Say what the upload is: ?kind=image or ?kind=file');
  const fileName = decodeFileName(req.headers['x-file-name']);
  if (!fileName) return refuse(400, 'INVALID_UPLOAD', 'Send the file name (1–200 characters, URI-encoded) as X-File-Name');

  const publicId = randomBytes(24).toString('base64url');
  const mediaId = uploadMediaIdOf(publicId);
  const taken = await takeUpload(req, deps.files, { kind, limit: deps.maxBytes[kind], imageTypes: UPLOADABLE_IMAGE_TYPES, imageTypeNames: 'JPEG or PNG', mediaId });
  if (isUploadRefusal(taken)) return refuse(taken.status, taken.code, taken.code === 'UNSUPPORTED_TYPE' && kind === 'file' ? 'Programs cannot be sent to customers' : taken.error);
  const record = await deps.store.recordUpload({ uploadId, publicId, agentName: agent.name, kind, ...taken, fileName, createdAt: deps.now() });
  // The same id uploaded twice at once: the first record stands, this copy goes.
  if (record.publicId !== publicId) await deps.files.remove(mediaId);
  sendJson(res, record.publicId === publicId ? 201 : 200, resultOf(record));
}
