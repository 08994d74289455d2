import type { IncomingMessage, ServerResponse } from 'node:http';
import { mapMetaIntakeItems } from '../channels/meta/inbound-mapper';
import { parseMetaWebhook } from '../channels/meta/intake';
import { isValidMetaWebhook } from '../channels/meta/signature';
import { answerMetaVerification } from '../channels/meta/verification';
import type { Logger } from '../logger';
import type { InboundBody, InboundOutcome, InboundResult } from '../store/channel-store-types';
import { sendError, sendJson } from './json-response';
import { readRawBody } from './raw-body';

export const META_WEBHOOK_PATH = '/webhooks/meta';

/** Where verified bodies go: the relay's inbound queue (group commit), shared with every channel. */
export interface MetaInboundSink {
  /** Resolves once the body is committed (ok) or known not stored (not ok); never rejects. */
  submit(body: InboundBody): Promise<InboundOutcome>;
}

export interface MetaWebhookDeps {
  /** META_APP_SECRET; null = every request is answered 503. */
  appSecret: string | null;
  /** META_VERIFY_TOKEN; null = verification always fails (403). */
  verifyToken: string | null;
  /** Null while this relay cannot store Meta events: verified bodies get 503 and Meta redelivers them. */
  inbound: MetaInboundSink | null;
  now: () => number;
  logger: Logger;
  /** Slow follow-up work (held replies, profiles), started only after Meta got its 200. */
  afterStored: (result: InboundResult) => void;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // The challenge is reflected: never let a browser read it as anything but text.
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** GET: Meta's subscription check. The challenge is the whole body (Meta compares it byte for byte). */
function answerVerification(req: IncomingMessage, res: ServerResponse, verifyToken: string | null): void {
  if (!verifyToken) {
    sendText(res, 403, 'META_VERIFY_TOKEN is not set on this relay: set it to the verify token entered at Meta and restart');
    return;
  }
  const query = new URL(req.url ?? '/', 'http://relay.invalid').searchParams;
  const answer = answerMetaVerification(query, verifyToken);
  if (answer.status === 200) sendText(res, 200, answer.body);
  else sendText(res, 403, 'Verification failed: hub.mode must be subscribe and hub.verify_token must match');
}

/**
 * /webhooks/meta. POST order: configured → size limit → signature over the raw bytes → JSON → Meta envelope →
 * commit (grouped with concurrent webhooks) → 200. Every rejection happens before anything is stored.
 */
export async function handleMetaWebhook(req: IncomingMessage, res: ServerResponse, deps: MetaWebhookDeps): Promise<void> {
  if (!deps.appSecret) {
    sendError(res, 503, 'Messenger/Instagram is not configured on this relay: set META_APP_SECRET (and META_VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN) and restart it');
    req.resume();
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    answerVerification(req, res, deps.verifyToken);
    return;
  }
  const raw = await readRawBody(req);
  if (!raw.ok) {
    if (raw.reason === 'too_large') sendError(res, 413, 'Request body is larger than 1 MiB');
    else sendError(res, 400, 'Request body was not received completely');
    return;
  }
  if (!isValidMetaWebhook(raw.body, deps.appSecret, req.headers)) {
    sendError(res, 401, 'Missing or invalid X-Hub-Signature-256');
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.body.toString('utf8'));
  } catch {
    sendError(res, 400, 'Request body is not valid JSON');
    return;
  }
  const intake = parseMetaWebhook(json);
  if (!intake.ok) {
    sendError(res, 400, `Not a Messenger/Instagram webhook body: ${intake.error}`);
    return;
  }
  if (!deps.inbound) {
    sendError(res, 503, 'This relay cannot store Messenger/Instagram events yet; Meta will redeliver them');
    return;
  }
  const outcome = await deps.inbound.submit({ items: mapMetaIntakeItems(intake.items), receivedAt: deps.now() });
  if (!outcome.ok) {
    // Meta redelivers on non-2xx, so a storage failure loses nothing.
    const { error } = outcome;
    deps.logger.error(`Meta webhook not stored: ${error instanceof Error ? error.message : String(error)}`);
    sendError(res, 500, 'The relay could not store these events; Meta will redeliver them');
    return;
  }
  sendJson(res, 200, {});
  if (outcome.result.duplicates > 0) deps.logger.info(`Meta webhook: ignored ${outcome.result.duplicates} already-stored item(s)`);
  deps.afterStored(outcome.result);
}
