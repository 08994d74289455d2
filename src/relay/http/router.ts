import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';
import { handleHealth, type ClusterHealth } from './health';
import { sendError } from './json-response';
import { handleLineWebhook, type LineWebhookDeps } from './line-webhook';
import { handleMetaWebhook, META_WEBHOOK_PATH, type MetaWebhookDeps } from './meta-webhook';
import type { MetaChannelHealth } from '../channels/meta/meta-health';
import { SEGMENT_EXPORT_PATH } from '../../shared/protocol/segment-export';
import { handleSegmentExport } from './segment-export';
import { handlePaymentWebhook, PAYMENT_WEBHOOK_PATH, type PaymentWebhookDeps } from './payment-webhook';
import { WEBCHAT_MEDIA_PREFIX, WEBCHAT_UPLOAD_PREFIX, WEBCHAT_WIDGET_PATH } from '../../shared/protocol/webchat';
import { handleWebchatMedia, handleWebchatUpload, type WebchatUploadDeps } from './webchat-upload-route';
import { handleWebchatWidget } from './webchat-widget';
import { handleMediaRequest, handlePublicMediaRequest } from './media-route';
import { handleUpload, type UploadDeps } from './upload-route';
import { PUBLIC_MEDIA_PREFIX } from '../media/public-media';
import type { MediaFileStore } from '../media/media-files';

export interface RouterDeps {
  store: RelayStore;
  logger: Logger;
  lineConfigured: boolean;
  lineWebhook: LineWebhookDeps;
  metaWebhook: MetaWebhookDeps;
  metaHealth: MetaChannelHealth;
  /** The store's health and this process's role in the cluster's background work. */
  cluster: () => Promise<ClusterHealth>;
  paymentWebhook: PaymentWebhookDeps;
  mediaFiles: MediaFileStore;
  uploads: Pick<UploadDeps, 'maxBytes' | 'now'>;
  /** Web chat visitors' photos and files. */
  webchatUploads: Omit<WebchatUploadDeps, 'store' | 'files'>;
}

/** Plain HTTP routes of the relay; socket.io answers its own path before this is reached. */
export function createRouter(deps: RouterDeps) {
  return function route(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    const handle = async () => {
      if (path === '/webhooks/line') {
        if (req.method !== 'POST') return sendError(res, 405, 'Use POST for /webhooks/line', { allow: 'POST' });
        return handleLineWebhook(req, res, deps.lineWebhook);
      }
      if (path === META_WEBHOOK_PATH) {
        if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'HEAD') {
          return sendError(res, 405, `Use POST (events) or GET (verification) for ${META_WEBHOOK_PATH}`, { allow: 'GET, POST' });
        }
        return handleMetaWebhook(req, res, deps.metaWebhook);
      }
      if (path === PAYMENT_WEBHOOK_PATH) {
        if (req.method !== 'POST') return sendError(res, 405, `Use POST for ${PAYMENT_WEBHOOK_PATH}`, { allow: 'POST' });
        return handlePaymentWebhook(req, res, deps.paymentWebhook);
      }
      if (path === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Use GET for /healthz', { allow: 'GET' });
        return handleHealth(res, deps.store, { lineConfigured: deps.lineConfigured, meta: deps.metaHealth.report() }, await deps.cluster());
      }
      if (path === WEBCHAT_WIDGET_PATH) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `Use GET for ${WEBCHAT_WIDGET_PATH}`, { allow: 'GET' });
        return handleWebchatWidget(req, res);
      }
      if (path.startsWith(WEBCHAT_UPLOAD_PREFIX)) {
        if (req.method !== 'PUT' && req.method !== 'OPTIONS') return sendError(res, 405, `Use PUT for ${WEBCHAT_UPLOAD_PREFIX}<uploadId>`, { allow: 'PUT, OPTIONS' });
        return handleWebchatUpload(req, res, { store: deps.store, files: deps.mediaFiles, ...deps.webchatUploads }, path);
      }
      if (path.startsWith(WEBCHAT_MEDIA_PREFIX)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `Use GET for ${WEBCHAT_MEDIA_PREFIX}…`, { allow: 'GET' });
        return handleWebchatMedia(req, res, { store: deps.store, files: deps.mediaFiles }, path);
      }
      if (path.startsWith('/uploads/')) {
        if (req.method !== 'PUT') return sendError(res, 405, 'Use PUT for /uploads/<uploadId>', { allow: 'PUT' });
        return handleUpload(req, res, { store: deps.store, files: deps.mediaFiles, ...deps.uploads }, path);
      }
      if (path.startsWith(PUBLIC_MEDIA_PREFIX)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Use GET for public media', { allow: 'GET' });
        return handlePublicMediaRequest(req, res, { store: deps.store, files: deps.mediaFiles }, path);
      }
      if (path.startsWith('/media/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Use GET for /media/…', { allow: 'GET' });
        return handleMediaRequest(req, res, { store: deps.store, files: deps.mediaFiles }, path);
      }
      if (path === SEGMENT_EXPORT_PATH) {
        if (req.method !== 'POST') return sendError(res, 405, `Use POST for ${SEGMENT_EXPORT_PATH}`, { allow: 'POST' });
        return handleSegmentExport(req, res, deps.store, deps.lineWebhook.now);
      }
      sendError(res, 404, `No route for ${req.method ?? 'GET'} ${path}`);
    };
    handle().catch((error: unknown) => {
      deps.logger.error(`${req.method} ${path} failed: ${error instanceof Error ? error.stack : String(error)}`);
      sendError(res, 500, 'Internal relay error');
    });
  };
}
