import { join } from 'node:path';
import type { RelayConfig } from '../config';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';
import { MAX_UPLOAD_BYTES } from '../../shared/protocol/outbound-content';
import { createMediaDownloader } from './media-downloader';
import { createMediaFolder } from './media-files';
import { lineContentSource, urlContentSource } from './media-source';

/**
 * The relay's content pieces from its settings: the media folder beside the database (`<dataDir>/media`; relays
 * sharing a PostgreSQL database share that folder too), the downloader working the store's queue (LINE's data API
 * with the channel token; platform CDN URLs without any) — any relay process may take a job, one at a time (its
 * lease in the store) — and the upload limits (the smaller of LINE's and the shop's per-file limit).
 */
export function createRelayMedia(config: RelayConfig, deps: { store: RelayStore; now: () => number; logger: Logger; pollMs: number; processId: string }) {
  const files = createMediaFolder(join(config.dataDir, 'media'));
  const token = config.line.channelAccessToken;
  const downloader = createMediaDownloader({
    store: deps.store,
    files,
    sources: {
      url: urlContentSource(),
      ...(token ? { line: lineContentSource({ dataApiBaseUrl: config.line.dataApiBaseUrl, channelAccessToken: token }) } : {}),
    },
    limits: { maxFileBytes: config.media.maxFileBytes, maxTotalBytes: config.media.maxTotalBytes },
    now: deps.now,
    logger: deps.logger,
    timeoutMs: config.media.downloadTimeoutMs,
    pollMs: deps.pollMs,
    owner: deps.processId,
  });
  const uploadLimits = {
    image: Math.min(config.media.maxFileBytes, MAX_UPLOAD_BYTES.image),
    file: Math.min(config.media.maxFileBytes, MAX_UPLOAD_BYTES.file),
  };
  return { files, downloader, uploadLimits };
}
