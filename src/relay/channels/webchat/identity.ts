import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The shop's server signs its customer's id so a page cannot claim somebody else's conversation:
 * hash = hex HMAC-SHA256(userId, WEBCHAT_IDENTITY_SECRET). Same convention as Intercom's user_hash.
 */
export function webchatIdentityHash(userId: string, secret: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** Compares in constant time (no early exit on the first differing byte); any case of hex digits is accepted. */
export function isValidIdentityHash(userId: string, hash: string, secret: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) return false;
  const expected = createHmac('sha256', secret).update(userId, 'utf8').digest();
  return timingSafeEqual(Buffer.from(hash, 'hex'), expected);
}
