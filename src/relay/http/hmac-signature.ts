import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * base64(HMAC-SHA256(raw body, secret)): how LINE signs its webhooks (`x-line-signature`) and how the
 * payment provider signs its notifications (`X-Payment-Signature`).
 */
export function computeHmacSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Verifies the signature on the exact bytes received (never on re-serialised JSON).
 * Constant-time: timingSafeEqual on equal-length buffers; a wrong length is simply a mismatch.
 */
export function isValidHmacSignature(rawBody: Buffer, secret: string, signatureHeader: string | string[] | undefined): boolean {
  if (typeof signatureHeader !== 'string' || signatureHeader.length === 0) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signatureHeader, 'base64');
  if (given.length !== expected.length) return false;
  // Reject non-canonical base64 (e.g. trailing garbage that Buffer.from silently drops).
  if (given.toString('base64') !== signatureHeader) return false;
  return timingSafeEqual(given, expected);
}

/**
 * Payment providers write the same HMAC in different ways: base64, hex (any case), or "sha256=<hex>" (the
 * GitHub style many webhook tools copy). All are checked against the raw bytes, in constant time.
 */
export function isValidPaymentSignature(rawBody: Buffer, secret: string, signatureHeader: string | string[] | undefined): boolean {
  if (typeof signatureHeader !== 'string') return false;
  const header = signatureHeader.trim();
  const hex = /^(?:sha256=)?([0-9a-fA-F]{64})$/.exec(header)?.[1];
  if (!hex) return isValidHmacSignature(rawBody, secret, header);
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}
