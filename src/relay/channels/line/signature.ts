import { computeHmacSignature, isValidHmacSignature } from '../../http/hmac-signature';

/** base64(HMAC-SHA256(raw body, channel secret)) — LINE's `x-line-signature`. */
export const computeLineSignature: (rawBody: Buffer | string, channelSecret: string) => string = computeHmacSignature;

/** Verifies LINE's signature on the exact bytes LINE sent, in constant time. */
export const isValidLineSignature: (rawBody: Buffer, channelSecret: string, signatureHeader: string | string[] | undefined) => boolean =
  isValidHmacSignature;
