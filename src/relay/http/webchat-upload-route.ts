import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  WEBCHAT_IMAGE_TYPES,
  visitorIdSchema,
  type WebchatUploadErrorCode,
  type WebchatUploadResult,
} from '../../shared/protocol/webchat';
import { isAllowedOrigin } from '../channels/webchat/origin-check';
import type { WebchatUploadLimits } from '../config';
import type { MediaFileStore } from '../media/media-files';
import { decodeFileName, isUploadRefusal, takeUpload, uploadKindOf } from '../media/upload-intake';
import type { RelayStore, VisitorUploadRecord } from '../store/relay-store';
import { bearerToken } from './bearer-agent';
import { sendJson } from './json-response';
import { serveVisitorUpload, VISITOR_MEDIA_ID_PREFIX } from './media-route';

export interface WebchatUploadDeps {
  store: RelayStore;
  files: MediaFileStore;
  /** WEBCHAT_ALLOWED_ORIGINS: only the shop's pages may upload (empty: web chat is off). */
  allowedOrigins: ReadonlySet<string>;
  /** Per kind: the largest upload kept (the same as agents' uploads). */
  maxBytes: { image: number; file: number };
  /** Uploads per visitor and per address in `windowMs` (counted in the store, so every relay process agrees). */
  rateLimits: { perVisitor: number; perAddress: number; windowMs: number };
  /** RELAY_MEDIA_MAX_TOTAL_BYTES. */
  maxTotalBytes: number;
  now: () => number;
}

/** The configured hourly limits as the store counts them. */
export function visitorUploadRateLimits(limits: WebchatUploadLimits): WebchatUploadDeps['rateLimits'] {
  return { perVisitor: limits.perVisitorPerHour, perAddress: limits.perIpPerHour, windowMs: 60 * 60_000 };
}

const UPLOAD_PATH = /^\/webchat\/uploads\/([A-Za-z0-9_-]{8,64})$/;
const MEDIA_PATH = /^\/webchat\/media\/(w_[A-Za-z0-9_-]{16,78})(\/preview)?$/;

const resultOf = (record: VisitorUploadRecord): WebchatUploadResult => ({
  uploadId: record.uploadId,
  kind: record.kind,
  contentType: record.contentType,
  size: record.size,
});

/** The shop's page may read the answer (CORS): its own origin, never `*`. */
function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * `PUT /webchat/uploads/<uploadId>?kind=image|file` from the shop's page (and its CORS preflight): a photo or file
 * a web chat visitor is about to send, with `Authorization: Bearer <visitorId>` and `X-File-Name`. Checked like an
 * agent's upload (size, type by its bytes; photos JPEG, PNG, GIF or WebP), then — in one store transaction — the
 * visitor's and the address's upload rate and the shop's media storage. The upload belongs to this visitor only;
 * a `send` frame of their socket puts it into their conversation (visitor-namespace.ts).
 */
export async function handleWebchatUpload(req: IncomingMessage, res: ServerResponse, deps: WebchatUploadDeps, path: string): Promise<void> {
  const origin = req.headers.origin;
  if (!isAllowedOrigin(origin, deps.allowedOrigins)) {
    req.resume();
    return sendJson(res, 403, { code: 'ORIGIN_NOT_ALLOWED', error: 'Uploads come from the shop’s own pages only (WEBCHAT_ALLOWED_ORIGINS)' });
  }
  const cors = corsHeaders(origin!);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'authorization, content-type, x-file-name',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  const refuse = (status: number, code: WebchatUploadErrorCode, error: string) => {
    sendJson(res, status, { code, error }, { ...cors, connection: 'close' });
    req.resume();
  };
  const match = UPLOAD_PATH.exec(path);
  if (!match) return refuse(400, 'INVALID_UPLOAD', 'The upload id must be 8–64 letters, digits, "-" or "_"');
  const visitor = visitorIdSchema.safeParse(bearerToken(req));
  if (!visitor.success) return refuse(401, 'UNAUTHORIZED', 'Send the visitor id as "Authorization: Bearer …"');
  const visitorId = visitor.data;
  const uploadId = match[1]!;
  const existing = await deps.store.webchat.findVisitorUpload(visitorId, uploadId);
  if (existing) {
    req.resume();
    return sendJson(res, 200, resultOf(existing), cors);
  }
  const kind = uploadKindOf(req);
  if (!kind) return refuse(400, 'INVALID_UPLOAD', 'Say what the upload is: ?kind=image or ?kind=file');
  const fileName = decodeFileName(req.headers['x-file-name']);
  if (!fileName) return refuse(400, 'INVALID_UPLOAD', 'Send the file name (1–200 characters, URI-encoded) as X-File-Name');

  const mediaId = `${VISITOR_MEDIA_ID_PREFIX}${randomBytes(24).toString('base64url')}`;
  const taken = await takeUpload(req, deps.files, { kind, limit: deps.maxBytes[kind], imageTypes: WEBCHAT_IMAGE_TYPES, imageTypeNames: 'JPEG, PNG, GIF or WebP', mediaId });
  if (isUploadRefusal(taken)) return refuse(taken.status, taken.code, taken.error);
  const outcome = await deps.store.webchat.recordVisitorUpload({
    visitorId,
    address: req.socket.remoteAddress ?? 'unknown',
    record: { uploadId, mediaId, kind, ...taken, fileName, createdAt: deps.now() },
    limits: { ...deps.rateLimits, maxTotalBytes: deps.maxTotalBytes },
  });
  // Refused, or the same id uploaded twice at once (the first record stands): this copy goes.
  if (outcome.kind !== 'stored') await deps.files.remove(mediaId);
  if (outcome.kind === 'refused') return refuse(outcome.code === 'RATE_LIMITED' ? 429 : 507, outcome.code, outcome.message);
  sendJson(res, outcome.kind === 'stored' ? 201 : 200, resultOf(outcome.record), cors);
}

/** `GET /webchat/media/<mediaId>[/preview]`: what the visitor sent, shown back in their widget once sent. */
export async function handleWebchatMedia(req: IncomingMessage, res: ServerResponse, deps: Pick<WebchatUploadDeps, 'store' | 'files'>, path: string): Promise<void> {
  const match = MEDIA_PATH.exec(path);
  if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' });
  return serveVisitorUpload(req, res, deps, match[1]!, match[2] ? 'preview' : 'full');
}
