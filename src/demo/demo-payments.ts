import { randomUUID } from 'node:crypto';
import { computeHmacSignature } from '../relay/http/hmac-signature';
import { PAYMENT_SIGNATURE_HEADER, PAYMENT_WEBHOOK_PATH } from '../relay/http/payment-webhook';

/**
 * The demo's payment provider: a customer who received an order summary may pay it, which arrives at the
 * relay as a signed notification exactly like a real provider's would.
 */

/** The order number and amount due, read from an order summary text (renderOrderSummary). */
export function orderDueIn(text: string): { orderNo: string; amount: number } | null {
  const orderNo = /【訂單確認】(SO\d+)/.exec(text)?.[1];
  const amount = /應付金額 NT\$([\d,]+)/.exec(text)?.[1];
  if (!orderNo || !amount) return null;
  return { orderNo, amount: Number(amount.replaceAll(',', '')) };
}

export async function postDemoPayment(relayUrl: string, secret: string, due: { orderNo: string; amount: number }): Promise<number> {
  const body = JSON.stringify({ ...due, transactionId: `demo_${randomUUID()}`, paidAt: new Date().toISOString() });
  const response = await fetch(`${relayUrl}${PAYMENT_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PAYMENT_SIGNATURE_HEADER]: computeHmacSignature(body, secret) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
