import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';
import type { MediaFileStore } from './media-files';

/** A visitor's upload that no message took within this long is removed (they closed the page before sending). */
export const UNSENT_VISITOR_UPLOAD_MAX_AGE_MS = 24 * 60 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Removes web chat visitors' uploads that were never sent, so storage is not held by abandoned files: the records
 * in one store transaction (which hands each upload to one sweeper), then their files. Runs at start and every hour
 * — with several relay processes only in the one `periodic()` names (the background lease's holder).
 */
export function startVisitorUploadSweep(deps: {
  store: RelayStore;
  files: MediaFileStore;
  now: () => number;
  logger: Logger;
  periodic?: () => boolean;
}) {
  const periodic = deps.periodic ?? (() => true);
  let running: Promise<number> | null = null;
  const run = (): Promise<number> => {
    running ??= (async () => {
      const mediaIds = await deps.store.webchat.takeUnsentVisitorUploads(deps.now() - UNSENT_VISITOR_UPLOAD_MAX_AGE_MS);
      for (const mediaId of mediaIds) await deps.files.remove(mediaId);
      if (mediaIds.length > 0) deps.logger.info(`Removed ${mediaIds.length} web chat upload(s) never sent`);
      return mediaIds.length;
    })()
      .catch((error: unknown) => {
        deps.logger.warn(`Unsent web chat uploads not swept: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (periodic()) void run();
  const timer = setInterval(() => {
    if (periodic()) void run();
  }, SWEEP_EVERY_MS);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
