/** Parses stored JSON that may be damaged; null instead of an exception (callers validate the shape). */
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
