/**
 * Object URLs of content already carried to this window, so scrolling a virtual list back and forth does not ask
 * the core again. Bounded: the oldest are revoked first (the core's cache still has them).
 */
const MAX_URLS = 120;
const urls = new Map<string, { url: string; contentType: string }>();

export function cachedObjectUrl(key: string): { url: string; contentType: string } | undefined {
  const entry = urls.get(key);
  if (entry) {
    urls.delete(key);
    urls.set(key, entry);
  }
  return entry;
}

export function rememberObjectUrl(key: string, bytes: Uint8Array, contentType: string): { url: string; contentType: string } {
  const existing = urls.get(key);
  if (existing) return existing;
  const entry = { url: URL.createObjectURL(new Blob([bytes as BlobPart], { type: contentType })), contentType };
  urls.set(key, entry);
  while (urls.size > MAX_URLS) {
    const [oldestKey, oldest] = urls.entries().next().value as [string, { url: string }];
    urls.delete(oldestKey);
    URL.revokeObjectURL(oldest.url);
  }
  return entry;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
