/**
 * The @mention being typed at the caret, DOM-free: `@小` before the caret → the query "小" starting at the "@".
 * Null when the caret is not in a mention (no "@" since the last space or line break).
 */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = Math.max(before.lastIndexOf('@'), before.lastIndexOf('＠'));
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (/[\s]/u.test(query) || query.length > 20) return null;
  return { start: at, query };
}

/** Members whose name starts with (or contains) the query, starts first; at most five. */
export function mentionCandidates(names: readonly string[], query: string): string[] {
  const needle = query.normalize('NFKC').toLowerCase();
  const matches = names.filter((name) => name.normalize('NFKC').toLowerCase().includes(needle));
  return matches.sort((a, b) => Number(!a.toLowerCase().startsWith(needle)) - Number(!b.toLowerCase().startsWith(needle))).slice(0, 5);
}

/** The text with the mention at `start` (up to the caret) replaced by "@name ", and where the caret goes. */
export function insertMention(text: string, caret: number, start: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
