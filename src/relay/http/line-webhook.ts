import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeZodError, lineCallbackSchema } from '../channels/line/callback-schema';
import { mapLineEvents } from '../channels/line/event-mapper';
import { isValidLineSignature } from '../channels/line/signature';
import type { Logger } from '../logger';
import type { InboundResult } from '../store/relay-store';
import { sendError, sendJson } from './json-response';
import type { InboundQueue } from './inbound-queue';
import { readRawBody } from './raw-body';

export interface LineWebhookDeps {
  /** Group commit: concurrent webhooks share one transaction. */
  ingest: InboundQueue;
  channelSecret: string | null;
  now: () => number;
  logger: Logger;
  /** Slow follow-up work (profiles, held replies), started only after LINE got its 200. */
  afterStored: (result: InboundResult) => void;
}

/**
 * POST /webhooks/line. Order matters: size limit → signature over the raw bytes → JSON → schema →
 * commit (grouped with concurrent webhooks) → 200. Every rejection happens before anything is stored.
 */
export async function handleLineWebhook(req: IncomingMessage, res: ServerResponse, deps: LineWebhookDeps): Promise<void> {
  if (!deps.channelSecret) {
    sendError(res, 503, 'LINE is not configured on this relay: set LINE_CHANNEL_SECRET and restart it');
    req.resume();
    return;
  }
  const raw = await readRawBody(req);
  if (!raw.ok) {
    if (raw.reason === 'too_large') sendError(res, 413, 'Request body is larger than 1 MiB');
    else sendError(res, 400, 'Request body was not received completely');
    return;
  }
  if (!isValidLineSignature(raw.body, deps.channelSecret, req.headers['x-line-signature'])) {
    sendError(res, 401, 'Missing or invalid x-line-signature');
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.body.toString('utf8'));
  } catch {
    sendError(res, 400, 'Request body is not valid JSON');
    return;
  }
  const callback = lineCallbackSchema.safeParse(json);
  if (!callback.success) {
    sendError(res, 400, `Not a LINE webhook body: ${describeZodError(callback.error)}`);
    return;
  }

  const outcome = await deps.ingest.submit({ items: mapLineEvents(callback.data.events), receivedAt: deps.now() });
  if (!outcome.ok) {
    // LINE redelivers on non-2xx, so a storage failure loses nothing.
    const { error } = outcome;
    deps.logger.error(`LINE webhook not stored: ${error instanceof Error ? error.message : String(error)}`);
    sendError(res, 500, 'The relay could not store these events; LINE will redeliver them');
    return;
  }
  sendJson(res, 200, {});
  const result: InboundResult = outcome.result;
  if (result.duplicates > 0) deps.logger.info(`LINE webhook: ignored ${result.duplicates} already-stored event(s)`);
  deps.afterStored(result);
}
