import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs webhook bodies as `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

/** The header value Meta would send for these bytes. */
export function computeMetaSignature(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * A header from a headers record, whatever the case of its name (node:http lowercases names, other
 * callers and tests may not). Several headers of that name are returned as an array.
 */
export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | string[] | undefined {
  const wanted = name.toLowerCase();
  const values = Object.entries(headers)
    .filter(([key, value]) => key.toLowerCase() === wanted && value !== undefined)
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value as string]));
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/**
 * Verifies Meta's signature on the exact bytes received (before any JSON parsing), in constant time.
 * Missing, repeated or malformed headers, and an empty app secret, are simply not valid.
 */
export function isValidMetaSignature(rawBody: Buffer, appSecret: string, signatureHeader: string | string[] | undefined): boolean {
  if (appSecret.length === 0 || typeof signatureHeader !== 'string') return false;
  const hex = SIGNATURE_FORMAT.exec(signatureHeader.trim())?.[1];
  if (!hex) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

/** The same check reading the header from a request's headers (any name case). */
export function isValidMetaWebhook(
  rawBody: Buffer,
  appSecret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  return isValidMetaSignature(rawBody, appSecret, headerValue(headers, META_SIGNATURE_HEADER));
}
