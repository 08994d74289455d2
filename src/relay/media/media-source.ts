import type { MediaDownloadJob } from '../store/media-store-types';

/** What asking a platform for content answered, in the downloader's terms. */
export type FetchedContent =
  | { kind: 'body'; chunks: AsyncIterable<Uint8Array>; declaredSize: number | null }
  /** Transcoding (LINE video/audio) is still running: ask again soon. */
  | { kind: 'not_ready' }
  /** The platform no longer has it (404/410), or said it cannot prepare it. */
  | { kind: 'gone'; detail: string }
  /** Refused for another reason (4xx): asking again will not help. */
  | { kind: 'refused'; detail: string }
  /** 5xx, timeout, network: try again later. */
  | { kind: 'transient'; detail: string };

export interface MediaSourceClient {
  fetchContent(job: MediaDownloadJob, signal: AbortSignal): Promise<FetchedContent>;
  /** A preview image (LINE images and videos); null when there is none. */
  fetchPreview(job: MediaDownloadJob, signal: AbortSignal): Promise<FetchedContent | null>;
}

function bodyOf(response: Response): FetchedContent {
  if (!response.body) return { kind: 'transient', detail: 'empty body' };
  const length = Number(response.headers.get('content-length'));
  return { kind: 'body', chunks: response.body as unknown as AsyncIterable<Uint8Array>, declaredSize: Number.isFinite(length) && length > 0 ? length : null };
}

async function classify(response: Response, what: string): Promise<FetchedContent> {
  if (response.ok) return bodyOf(response);
  const detail = `${what} answered ${response.status}: ${(await response.text().catch(() => '')).slice(0, 200)}`;
  if (response.status === 404 || response.status === 410) return { kind: 'gone', detail };
  if (response.status === 429 || response.status >= 500) return { kind: 'transient', detail };
  return { kind: 'refused', detail };
}

async function fetchOrTransient(url: string, init: RequestInit, what: string): Promise<FetchedContent | Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    return { kind: 'transient', detail: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * LINE's data API (LINE_DATA_API_BASE_URL): /v2/bot/message/{id}/content, /content/preview, and /content/transcoding
 * for video and audio, which must say `succeeded` before the content can be fetched. The channel access token goes
 * only to LINE.
 */
export function lineContentSource(options: { dataApiBaseUrl: string; channelAccessToken: string }): MediaSourceClient {
  const base = options.dataApiBaseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.channelAccessToken}` };
  const path = (job: MediaDownloadJob) => `${base}/v2/bot/message/${encodeURIComponent(job.sourceRef)}/content`;
  return {
    async fetchContent(job, signal) {
      if (job.kind === 'video' || job.kind === 'audio') {
        const status = await fetchOrTransient(`${path(job)}/transcoding`, { headers, signal }, 'LINE transcoding');
        if (!(status instanceof Response)) return status;
        if (!status.ok) return classify(status, 'LINE transcoding');
        const body = (await status.json().catch(() => null)) as { status?: unknown } | null;
        if (body?.status === 'processing') return { kind: 'not_ready' };
        if (body?.status === 'failed') return { kind: 'gone', detail: 'LINE could not prepare the content' };
      }
      const response = await fetchOrTransient(path(job), { headers, signal }, 'LINE content');
      return response instanceof Response ? classify(response, 'LINE content') : response;
    },
    async fetchPreview(job, signal) {
      if (job.kind !== 'image' && job.kind !== 'video') return null;
      const response = await fetchOrTransient(`${path(job)}/preview`, { headers, signal }, 'LINE preview');
      return response instanceof Response ? classify(response, 'LINE preview') : response;
    },
  };
}

/** A platform's CDN URL (Meta attachments): fetched without any credential, https only. */
export function urlContentSource(): MediaSourceClient {
  return {
    async fetchContent(job, signal) {
      if (!/^https:\/\//i.test(job.sourceRef) && !/^http:\/\/127\.0\.0\.1[:/]/.test(job.sourceRef)) {
        return { kind: 'refused', detail: 'not an https URL' };
      }
      const response = await fetchOrTransient(job.sourceRef, { signal, redirect: 'follow' }, 'content URL');
      return response instanceof Response ? classify(response, 'content URL') : response;
    },
    fetchPreview: async () => null,
  };
}
