import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { MediaDownloadJob, MediaDownloadOutcome, MediaStore } from '../store/media-store-types';
import type { RelayEvent } from '../../shared/protocol';
import { sniffContentType, sniffPreviewType } from './content-type';
import { MediaTooLargeError, type MediaFileStore, type PartialFile } from './media-files';
import type { FetchedContent, MediaSourceClient } from './media-source';

export interface MediaLimits {
  /** One file (LINE sends videos up to 200 MB; the shop chooses what it keeps). */
  maxFileBytes: number;
  /** Everything stored for the shop. */
  maxTotalBytes: number;
}

export interface MediaDownloaderDeps {
  store: MediaStore;
  files: MediaFileStore;
  /** Per download source; a missing one (LINE not configured) leaves its jobs waiting. */
  sources: Partial<Record<MediaDownloadJob['source'], MediaSourceClient>>;
  limits: MediaLimits;
  now: () => number;
  logger: Logger;
  /** One download (content + preview) slower than this is abandoned and tried again. */
  timeoutMs: number;
  /** How often the queue is looked at for due retries and other processes' jobs. */
  pollMs: number;
  /** Downloads running at once in this process. */
  concurrency?: number;
  /** Told about every appended event (so sockets hear mediaReady at once). */
  onAppended?: (events: RelayEvent[]) => void;
  /** Who holds a job's lease: this relay process (host:pid:…), so an operator sees which process downloads what. */
  owner?: string;
}

/** Transient failures are tried this many times (about 1 + 2 + 4 + 8 + 16 + 32 s apart) before giving up. */
const MAX_ATTEMPTS = 7;
/** LINE transcodes videos and voice messages for a while; after this the content counts as failed. */
const TRANSCODING_GIVE_UP_MS = 30 * 60 * 1000;
const TRANSCODING_POLL_MS = 2_000;
const LINE_NOT_CONFIGURED_RETRY_MS = 60_000;

/**
 * Downloads customers' content soon after the webhook (LINE keeps it only for a while). The queue is the store's
 * `media_items`: every process leases due jobs, so a restarted or second relay resumes them; a file is written to
 * a temporary name, checked (size, magic bytes), fsync'd and renamed into place before the store records it.
 */
export function createMediaDownloader(deps: MediaDownloaderDeps) {
  const owner = deps.owner ?? `relay-${randomUUID()}`;
  const concurrency = deps.concurrency ?? 2;
  let running = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const active = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  const leaseMs = deps.timeoutMs + 5_000;

  async function drain(): Promise<void> {
    while (!stopped) {
      const job = await deps.store.claimMediaDownload({ now: deps.now(), leaseMs, owner });
      if (!job) return;
      await download(job).catch((error: unknown) => deps.logger.error(`Media ${job.mediaId} not downloaded: ${errorText(error)}`));
    }
  }

  function kick(): void {
    if (stopped) return;
    while (running < concurrency) {
      running += 1;
      const task = drain().finally(() => {
        running -= 1;
        active.delete(task);
      });
      active.add(task);
    }
  }

  async function download(job: MediaDownloadJob): Promise<void> {
    const controller = new AbortController();
    controllers.add(controller);
    const deadline = setTimeout(() => controller.abort(new Error(`no answer within ${deps.timeoutMs} ms`)), deps.timeoutMs);
    const kept: PartialFile[] = [];
    try {
      const outcome = await fetchAndKeep(job, controller.signal, kept);
      const finished = await deps.store.finishMediaDownload({ mediaId: job.mediaId, leaseOwner: owner, outcome, now: deps.now() });
      deps.onAppended?.(finished.appended);
      if (outcome.kind === 'stored' && (!finished.accepted || !finished.keepFiles) && !(await storedByAnother(job, finished.accepted))) {
        await deps.files.remove(job.mediaId);
      }
      if (outcome.kind === 'unavailable') deps.logger.warn(`Media of message ${job.messageId} unavailable (${outcome.reason}): ${outcome.detail}`);
    } finally {
      clearTimeout(deadline);
      controllers.delete(controller);
      for (const file of kept) await file.discard();
    }
  }

  /**
   * This process lost the lease (it was too slow, e.g. the database was unreachable for a while) and the process
   * that took the job over has already stored the same file under the same name: it stays.
   */
  async function storedByAnother(job: MediaDownloadJob, accepted: boolean): Promise<boolean> {
    if (accepted) return false;
    return (await deps.store.getMedia(job.mediaId))?.state === 'stored';
  }

  /** Fetches, checks and commits the content (and preview); what to record comes back. */
  async function fetchAndKeep(job: MediaDownloadJob, signal: AbortSignal, temporaries: PartialFile[]): Promise<MediaDownloadOutcome> {
    const source = deps.sources[job.source];
    const now = deps.now();
    if (!source) return { kind: 'retry', retryAt: now + LINE_NOT_CONFIGURED_RETRY_MS, detail: `no ${job.source} credentials`, countsAsAttempt: false };
    const content = await source.fetchContent(job, signal).catch((error: unknown): FetchedContent => ({ kind: 'transient', detail: errorText(error) }));
    if (content.kind !== 'body') return outcomeOfFailure(job, content, now);
    if (content.declaredSize !== null && content.declaredSize > deps.limits.maxFileBytes) {
      return { kind: 'unavailable', reason: 'too_large', detail: `${content.declaredSize} bytes` };
    }
    let file: PartialFile;
    try {
      file = await deps.files.receive(content.chunks, deps.limits.maxFileBytes);
    } catch (error) {
      if (error instanceof MediaTooLargeError) return { kind: 'unavailable', reason: 'too_large', detail: error.message };
      return retryLater(job, `download interrupted: ${errorText(error)}`, now);
    }
    temporaries.push(file);
    const contentType = await sniffContentType(file.head, job.kind);
    if (!contentType) return { kind: 'unavailable', reason: 'unsupported_type', detail: `the bytes of this ${job.kind} are not a type the relay keeps` };
    const previewContentType = await keepPreview(job, source, signal, temporaries);
    await file.commit(job.mediaId, 'full');
    return { kind: 'stored', contentType, size: file.size, previewContentType, maxTotalBytes: deps.limits.maxTotalBytes };
  }

  /** A preview is a nicety: any failure just means the app shows the full image scaled down. */
  async function keepPreview(job: MediaDownloadJob, source: MediaSourceClient, signal: AbortSignal, temporaries: PartialFile[]): Promise<string | null> {
    try {
      const preview = await source.fetchPreview(job, signal);
      if (preview?.kind !== 'body') return null;
      const file = await deps.files.receive(preview.chunks, Math.min(deps.limits.maxFileBytes, 5 * 1024 * 1024));
      temporaries.push(file);
      const type = await sniffPreviewType(file.head);
      if (!type) return null;
      await file.commit(job.mediaId, 'preview');
      return type;
    } catch (error) {
      deps.logger.warn(`Preview of message ${job.messageId} not kept: ${errorText(error)}`);
      return null;
    }
  }

  function outcomeOfFailure(job: MediaDownloadJob, content: Exclude<FetchedContent, { kind: 'body' }>, now: number): MediaDownloadOutcome {
    switch (content.kind) {
      case 'not_ready':
        if (now - job.createdAt > TRANSCODING_GIVE_UP_MS) return { kind: 'unavailable', reason: 'failed', detail: 'still transcoding after 30 minutes' };
        return { kind: 'retry', retryAt: now + TRANSCODING_POLL_MS, detail: 'transcoding', countsAsAttempt: false };
      case 'gone':
        return { kind: 'unavailable', reason: 'expired', detail: content.detail };
      case 'refused':
        return { kind: 'unavailable', reason: 'failed', detail: content.detail };
      case 'transient':
        return retryLater(job, content.detail, now);
    }
  }

  function retryLater(job: MediaDownloadJob, detail: string, now: number): MediaDownloadOutcome {
    if (job.attempts + 1 >= MAX_ATTEMPTS) return { kind: 'unavailable', reason: 'failed', detail };
    return { kind: 'retry', retryAt: now + 1000 * 2 ** job.attempts, detail, countsAsAttempt: true };
  }

  return {
    /** Looks at the queue now (after a webhook queued content). */
    kick,
    async start(): Promise<void> {
      const removed = await deps.files.removeStalePartials(Date.now(), leaseMs);
      if (removed > 0) deps.logger.info(`Removed ${removed} partial media file(s) left by an interrupted download`);
      let lastSweep = Date.now();
      const tick = () => {
        kick();
        // A process that died mid-download left a temporary file: gone once its lease could have run out.
        if (Date.now() - lastSweep >= leaseMs) {
          lastSweep = Date.now();
          deps.files.removeStalePartials(lastSweep, leaseMs).catch((error: unknown) => deps.logger.warn(`Partial media sweep failed: ${errorText(error)}`));
        }
        timer = setTimeout(tick, deps.pollMs);
        timer.unref();
      };
      tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const controller of controllers) controller.abort(new Error('relay stopping'));
      while (active.size > 0) await Promise.allSettled([...active]);
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
export type MediaDownloader = ReturnType<typeof createMediaDownloader>;
