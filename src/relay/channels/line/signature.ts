import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64(HMAC-SHA256(raw body, channel secret)) — LINE's `x-line-signature`. */
export function computeLineSignature(rawBody: Buffer | string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

/**
 * Verifies the signature on the exact bytes LINE sent (never on re-serialised JSON).
 * Constant-time: timingSafeEqual on equal-length buffers; a wrong length is simply a mismatch.
 */
export function isValidLineSignature(
  rawBody: Buffer,
  channelSecret: string,
  signatureHeader: string | string[] | undefined,
): boolean {
  if (typeof signatureHeader !== 'string' || signatureHeader.length === 0) return false;
  const expected = createHmac('sha256', channelSecret).update(rawBody).digest();
  const given = Buffer.from(signatureHeader, 'base64');
  if (given.length !== expected.length) return false;
  // Reject non-canonical base64 (e.g. trailing garbage that Buffer.from silently drops).
  if (given.toString('base64') !== signatureHeader) return false;
  return timingSafeEqual(given, expected);
}
