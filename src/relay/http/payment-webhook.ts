import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { describeZodError } from '../channels/line/callback-schema';
import type { Logger } from '../logger';
import type { PaymentNotificationResult, RelayStore } from '../store/relay-store';
import { isValidPaymentSignature } from './hmac-signature';
import { sendJson } from './json-response';
import { readRawBody } from './raw-body';

export const PAYMENT_WEBHOOK_PATH = '/webhooks/payment';
export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';

export interface PaymentWebhookDeps {
  store: RelayStore;
  /** PAYMENT_WEBHOOK_SECRET; null → 503. */
  secret: string | null;
  now: () => number;
  logger: Logger;
}

/** Payment states that mean the money arrived; a notification with any other `status` changes nothing. */
const PAID_STATES = ['paid', 'success', 'succeeded', 'completed'];

/**
 * The provider's notification: the order number, the amount paid (whole NT$) and its transaction id.
 * Providers differ, so `order_no` is read as `orderNo`; without an amount the total is not checked; without a
 * transaction id the exact signed body is the replay key (the same body again has no second effect).
 */
export const paymentNotificationSchema = z.preprocess(
  (raw) =>
    raw !== null && typeof raw === 'object' && !('orderNo' in raw) && 'order_no' in raw
      ? { ...(raw as Record<string, unknown>), orderNo: (raw as Record<string, unknown>).order_no }
      : raw,
  z.object({
    orderNo: z.string().trim().min(1).max(32),
    amount: z.number().int('amount must be a whole number of NT$').nonnegative().optional(),
    transactionId: z.string().trim().min(1).max(128).optional(),
    status: z.string().trim().max(32).optional(),
    paidAt: z.union([z.number().int().nonnegative(), z.string().max(64)]).optional(),
  }),
);

const refuse = (res: ServerResponse, status: number, error: string) => sendJson(res, status, { ok: false, error });

/**
 * POST /webhooks/payment. Order matters: secret configured → size limit → signature over the raw bytes
 * (before parsing anything) → JSON → schema → one transaction. Every refusal leaves the store unchanged.
 */
export async function handlePaymentWebhook(req: IncomingMessage, res: ServerResponse, deps: PaymentWebhookDeps): Promise<void> {
  if (!deps.secret) {
    refuse(res, 503, 'Payment notifications are not configured on this relay: set PAYMENT_WEBHOOK_SECRET and restart it');
    req.resume();
    return;
  }
  const raw = await readRawBody(req);
  if (!raw.ok) {
    if (raw.reason === 'too_large') refuse(res, 413, 'Request body is larger than 1 MiB');
    else refuse(res, 400, 'Request body was not received completely');
    return;
  }
  if (!isValidPaymentSignature(raw.body, deps.secret, req.headers[PAYMENT_SIGNATURE_HEADER])) {
    deps.logger.warn('Payment notification refused: missing or invalid X-Payment-Signature');
    refuse(res, 401, 'Missing or invalid X-Payment-Signature');
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.body.toString('utf8'));
  } catch {
    refuse(res, 400, 'Request body is not valid JSON');
    return;
  }
  const notification = paymentNotificationSchema.safeParse(json);
  if (!notification.success) {
    refuse(res, 400, `Not a payment notification: ${describeZodError(notification.error)}`);
    return;
  }
  const { orderNo, amount = null, status } = notification.data;
  if (status !== undefined && !PAID_STATES.includes(status.toLowerCase())) {
    // A failed or pending payment: acknowledged (so the provider stops resending), nothing stored or changed.
    sendJson(res, 200, { ok: true, orderNo, ignored: `status "${status}" is not a completed payment; nothing was changed` });
    return;
  }
  const transactionId = notification.data.transactionId ?? `body-sha256:${createHash('sha256').update(raw.body).digest('hex')}`;
  const result = await deps.store.recordPaymentNotification({ transactionId, orderNo, amount, rawBody: raw.body.toString('utf8'), now: deps.now() });
  answer(res, result, orderNo);
  if (result.kind === 'paid') deps.logger.info(`Order ${orderNo} paid (transaction ${transactionId})`);
}

function answer(res: ServerResponse, result: PaymentNotificationResult, orderNo: string): void {
  switch (result.kind) {
    case 'paid':
    case 'recorded':
      return sendJson(res, 200, { ok: true, orderNo: result.orderNo, status: result.status });
    case 'duplicate':
      return sendJson(res, 200, { ok: true, orderNo: result.orderNo, status: result.status, duplicate: true });
    case 'unknown_order':
      return refuse(res, 404, `No order ${orderNo} on this relay`);
    case 'amount_mismatch':
      return refuse(res, 422, `Amount does not match order ${orderNo} (its total is NT$${result.expected}); nothing was changed`);
    case 'cancelled':
      return refuse(res, 409, `Order ${orderNo} is cancelled; the payment was not recorded`);
  }
}
