/**
 * `@name` mentions in an internal note: the names of team members written after an "@" (full-width "＠" too).
 * Names may contain spaces ("示範客服 Demo Agent"), so the longest member name that follows an "@" wins.
 */
export function findMentions(text: string, memberNames: readonly string[]): string[] {
  const byLength = [...new Set(memberNames)].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  const normalised = text.normalize('NFKC');
  for (let index = normalised.indexOf('@'); index >= 0; index = normalised.indexOf('@', index + 1)) {
    const rest = normalised.slice(index + 1);
    const name = byLength.find((candidate) => rest.startsWith(candidate.normalize('NFKC')));
    if (name) found.add(name);
  }
  return [...found];
}
