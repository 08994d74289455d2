import { isRelayMediaPath } from '../../../shared/protocol/message-content';
import type { Credentials } from '../session/credential-store';
import type { LocalDatabase } from '../store/database';
import { getMessage } from '../store/messages';
import { parseContentJson } from '../store/message-content';
import type { MediaCache } from './media-cache';
import type { OutboxFiles } from '../outbox/outbox-files';
import { OUTBOX_MEDIA_PREFIX } from '../outbox/enqueue-content';

export type MediaVariant = 'full' | 'preview' | 'sticker';

export type MediaLoadResult =
  | { ok: true; contentType: string; dataBase64: string; size: number }
  | { ok: false; code: 'NOT_FOUND' | 'NOT_READY' | 'OFFLINE' | 'UNAVAILABLE' | 'TOO_LARGE'; message: string };

/** Content larger than this is not carried to the window (the relay's own default limit is 50 MiB). */
const MAX_LOAD_BYTES = 64 * 1024 * 1024;
const RELAY_TIMEOUT_MS = 30_000;
const EXTERNAL_TIMEOUT_MS = 10_000;

/** LINE's public image of a sticker (the app shows the sticker's words when it cannot be reached). */
export function stickerImageUrl(stickerId: string): string {
  return `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}

export interface MediaLoaderDeps {
  db: () => LocalDatabase;
  cache: MediaCache;
  /** The signed-in relay and token (null when signed out). */
  credentials: () => Credentials | null;
  /** Photos and files queued to send (`outbox:<uploadId>` URLs), shown before the relay has them. */
  outboxFiles?: OutboxFiles;
  fetch?: typeof fetch;
}

/**
 * The content of a message for the window: from the cache when it was shown before (works offline), else from
 * the relay (with the agent token — never sent anywhere else) or the external provider's https URL, then cached.
 * Only URLs a message in the store names can be loaded.
 */
export async function loadMessageMedia(deps: MediaLoaderDeps, input: { messageId: string; variant: MediaVariant }): Promise<MediaLoadResult> {
  const db = deps.db();
  const row = getMessage(db, input.messageId);
  const content = row && row.withdrawn === 0 ? parseContentJson(row.content_json) : null;
  if (!row || !content) return { ok: false, code: 'NOT_FOUND', message: 'This message has no content to show' };
  const url =
    input.variant === 'sticker'
      ? content.sticker && stickerImageUrl(content.sticker.stickerId)
      : input.variant === 'preview'
        ? (content.media?.previewUrl ?? content.media?.url)
        : content.media?.url;
  if (!url) {
    if (row.media_unavailable) return { ok: false, code: 'UNAVAILABLE', message: row.media_unavailable };
    return { ok: false, code: 'NOT_READY', message: 'The content is still being downloaded' };
  }
  if (url.startsWith(OUTBOX_MEDIA_PREFIX)) {
    const bytes = await deps.outboxFiles?.read(url.slice(OUTBOX_MEDIA_PREFIX.length));
    if (!bytes) return { ok: false, code: 'NOT_FOUND', message: 'The queued file is gone' };
    return { ok: true, contentType: content.media?.contentType ?? 'application/octet-stream', dataBase64: bytes.toString('base64'), size: bytes.length };
  }
  const cached = await deps.cache.get(db, url);
  if (cached) return { ok: true, contentType: cached.contentType, dataBase64: cached.body.toString('base64'), size: cached.body.length };

  const fetched = await fetchContent(deps, url);
  if (!fetched.ok) return fetched;
  await deps.cache.put(deps.db(), url, fetched.body, fetched.contentType);
  return { ok: true, contentType: fetched.contentType, dataBase64: fetched.body.toString('base64'), size: fetched.body.length };
}

async function fetchContent(deps: MediaLoaderDeps, url: string): Promise<{ ok: true; body: Buffer; contentType: string } | Extract<MediaLoadResult, { ok: false }>> {
  const fetchImpl = deps.fetch ?? fetch;
  let target: string;
  const init: RequestInit = {};
  if (isRelayMediaPath(url)) {
    const credentials = deps.credentials();
    if (!credentials) return { ok: false, code: 'OFFLINE', message: 'Not signed in to a relay' };
    target = new URL(url, credentials.relayUrl).toString();
    init.headers = { authorization: `Bearer ${credentials.token}` };
    init.signal = AbortSignal.timeout(RELAY_TIMEOUT_MS);
  } else if (/^https:\/\//i.test(url)) {
    target = url;
    init.signal = AbortSignal.timeout(EXTERNAL_TIMEOUT_MS);
  } else {
    return { ok: false, code: 'NOT_FOUND', message: 'Only relay paths and https URLs are loaded' };
  }
  let response: Response;
  try {
    response = await fetchImpl(target, { ...init, redirect: isRelayMediaPath(url) ? 'error' : 'follow' });
  } catch (error) {
    return { ok: false, code: 'OFFLINE', message: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 410) return { ok: false, code: 'UNAVAILABLE', message: 'withdrawn' };
  if (!response.ok) return { ok: false, code: response.status === 404 ? 'NOT_READY' : 'UNAVAILABLE', message: `answered ${response.status}` };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_LOAD_BYTES) return { ok: false, code: 'TOO_LARGE', message: `${declared} bytes` };
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_LOAD_BYTES) return { ok: false, code: 'TOO_LARGE', message: `${body.length} bytes` };
  return { ok: true, body, contentType: response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream' };
}
