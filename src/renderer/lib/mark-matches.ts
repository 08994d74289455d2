export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` around every occurrence of `term`, ignoring case like the store's search does (Latin
 * letters). Falls back to exact-case matching when lower-casing changes the text's length (e.g. "İ"),
 * because offsets found in the lower-cased copy would then cut the original in the wrong places.
 */
export function markMatches(text: string, term: string): TextPart[] {
  const needle = term.trim();
  if (needle === '') return [{ text, match: false }];
  const sameLength = text.toLowerCase().length === text.length && needle.toLowerCase().length === needle.length;
  const haystack = sameLength ? text.toLowerCase() : text;
  const wanted = sameLength ? needle.toLowerCase() : needle;
  const parts: TextPart[] = [];
  let at = 0;
  for (let found = haystack.indexOf(wanted); found >= 0; found = haystack.indexOf(wanted, at)) {
    if (found > at) parts.push({ text: text.slice(at, found), match: false });
    parts.push({ text: text.slice(found, found + wanted.length), match: true });
    at = found + wanted.length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** The matched parts of markMatches as UTF-16 ranges into `text` (for CustomerText's highlights). */
export function matchRanges(text: string, term: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let at = 0;
  for (const part of markMatches(text, term)) {
    if (part.match) ranges.push({ start: at, end: at + part.text.length });
    at += part.text.length;
  }
  return ranges;
}
