import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { MediaFileStore } from '../media/media-files';
import type { RelayStore } from '../store/relay-store';
import { authenticateBearer } from './bearer-agent';
import { sendJson } from './json-response';

/** `/media/<mediaId>` and `/media/<mediaId>/preview`. */
export const MEDIA_PATH = /^\/media\/([A-Za-z0-9_-]{1,80})(\/preview)?$/;

/** Kinds a browser may show inline; everything else is only ever downloaded. */
const INLINE_KINDS: ReadonlySet<string> = new Set(['image', 'video', 'audio']);

/**
 * Content customers sent, for signed-in agents only (`Authorization: Bearer <agent token>`, 401 otherwise).
 * Served with the type its bytes were checked to be, never sniffed again by the browser, never run as a page.
 */
export async function handleMediaRequest(req: IncomingMessage, res: ServerResponse, deps: { store: RelayStore; files: MediaFileStore }, path: string): Promise<void> {
  const match = MEDIA_PATH.exec(path);
  if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' });
  const agent = await authenticateBearer(req, deps.store);
  if (!agent) return sendJson(res, 401, { code: 'UNAUTHORIZED', error: 'Send a valid agent token as "Authorization: Bearer …"' }, { 'www-authenticate': 'Bearer' });
  const mediaId = match[1]!;
  const variant = match[2] ? 'preview' : 'full';
  // A photo or file an agent sent (u_<publicId>): shown to agents like customers' content.
  if (mediaId.startsWith('u_')) return serveUpload(req, res, deps, mediaId.slice(2), variant, 'private');
  // A photo or file a web chat visitor sent (w_…), like a LINE customer's.
  if (mediaId.startsWith(VISITOR_MEDIA_ID_PREFIX)) return serveVisitorUpload(req, res, deps, mediaId, variant);
  const media = await deps.store.getMedia(mediaId);
  if (!media) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' });
  if (media.state === 'withdrawn') return sendJson(res, 410, { code: 'WITHDRAWN', error: 'The customer unsent this message' });
  if (media.state === 'pending') return sendJson(res, 404, { code: 'NOT_READY', error: 'The content is still being downloaded' });
  if (media.state !== 'stored' || !media.contentType) return sendJson(res, 404, { code: 'UNAVAILABLE', error: 'The content could not be stored' });
  const contentType = variant === 'preview' ? media.previewContentType : media.contentType;
  if (!contentType) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'This content has no preview' });
  const file = await deps.files.read(mediaId, variant);
  if (!file) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'The file is missing on the relay' });
  const inline = variant === 'preview' || INLINE_KINDS.has(media.kind);
  await sendFile(req, res, file, { contentType, disposition: contentDisposition(inline, media.fileName), cache: 'private' });
}

/** `/public/media/<publicId>[/preview]`: what agents uploaded to send, fetched by LINE and Meta without credentials. */
export const PUBLIC_MEDIA_PATH = /^\/public\/media\/([A-Za-z0-9_-]{16,80})(\/preview)?$/;

export async function handlePublicMediaRequest(req: IncomingMessage, res: ServerResponse, deps: { store: RelayStore; files: MediaFileStore }, path: string): Promise<void> {
  const match = PUBLIC_MEDIA_PATH.exec(path);
  if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' });
  return serveUpload(req, res, deps, match[1]!, match[2] ? 'preview' : 'full', 'public');
}

async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { store: RelayStore; files: MediaFileStore },
  publicId: string,
  variant: 'full' | 'preview',
  cache: 'public' | 'private',
): Promise<void> {
  const upload = await deps.store.getUploadByPublicId(publicId);
  // A photo without a separate preview is its own preview.
  const useVariant = variant === 'preview' && upload?.previewContentType ? 'preview' : 'full';
  const file = upload ? await deps.files.read(`u_${publicId}`, useVariant) : null;
  if (!upload || !file) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' });
  const contentType = useVariant === 'preview' ? upload.previewContentType! : upload.contentType;
  await sendFile(req, res, file, { contentType, disposition: contentDisposition(upload.kind === 'image', upload.fileName), cache });
}

/** Media ids of web chat visitors' uploads start with this (`w_<random>`). */
export const VISITOR_MEDIA_ID_PREFIX = 'w_';

/**
 * A photo or file a web chat visitor sent (only once a send attached it): to agents on `/media/w_…`, and to the
 * visitor's page on `/webchat/media/w_…` (no credentials: the id is unguessable, like `/public/media/`).
 */
export async function serveVisitorUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { store: RelayStore; files: MediaFileStore },
  mediaId: string,
  variant: 'full' | 'preview',
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const upload = await deps.store.webchat.sentVisitorUpload(mediaId);
  // A photo without a separate preview is its own preview.
  const useVariant = variant === 'preview' && upload?.previewContentType ? 'preview' : 'full';
  const file = upload ? await deps.files.read(mediaId, useVariant) : null;
  if (!upload || !file) return sendJson(res, 404, { code: 'NOT_FOUND', error: 'No such media' }, extraHeaders);
  const contentType = useVariant === 'preview' ? upload.previewContentType! : upload.contentType;
  await sendFile(req, res, file, { contentType, disposition: contentDisposition(upload.kind === 'image', upload.fileName), cache: 'private', extraHeaders });
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { stream: import('node:fs').ReadStream; size: number },
  headers: { contentType: string; disposition: string; cache: 'public' | 'private'; extraHeaders?: Record<string, string> },
): Promise<void> {
  res.writeHead(200, {
    ...headers.extraHeaders,
    'content-type': headers.contentType,
    'content-length': String(file.size),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': `${headers.cache}, max-age=31536000, immutable`,
    'content-disposition': headers.disposition,
  });
  if (req.method === 'HEAD') {
    file.stream.destroy();
    res.end();
    return;
  }
  await pipeline(file.stream, res);
}

function contentDisposition(inline: boolean, fileName: string | null): string {
  const type = inline ? 'inline' : 'attachment';
  if (!fileName) return type;
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
