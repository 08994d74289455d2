/**
 * Random ids from crypto.getRandomValues (crypto.randomUUID needs a secure context; a shop page on plain
 * http still gets a proper id).
 */

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  crypto.getRandomValues(bytes);
  return bytes;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** 128 random bits as 32 hex digits: the anonymous visitor's id (a bearer secret for their conversation). */
export function randomVisitorId(): string {
  return hex(randomBytes(16));
}

/** An RFC 4122 version-4 UUID: the idempotency key of one `send`. */
export function randomUuid(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const digits = hex(bytes);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
