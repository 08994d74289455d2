/**
 * Typo tolerance for Latin words ("shiping", "refnd", "recieve"): each unknown word of 4+ letters is
 * replaced by the closest known word within one edit (two for words of 8+ letters), using a
 * deletion-neighbourhood index (SymSpell idea) so a lookup costs a few map reads, not a scan of the
 * vocabulary. Known words are those of the rules and the lexicon. A word of the English dictionary is
 * corrected only to another form of itself ("packs" → pack), never to a word it resembles: "crack" is not
 * "track", "bulb" is not "bulk".
 */
const MIN_LENGTH = 4;
const LONG_WORD = 8;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), bounded. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const first = rows[0] as number[];
  for (let j = 0; j <= b.length; j += 1) first[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function sameStart(word: string, candidate: string): boolean {
  return word[0] === candidate[0] || (word[0] === candidate[1] && word[1] === candidate[0]);
}

export class LatinSpelling {
  private readonly known = new Set<string>();
  private readonly byDeletion = new Map<string, string[]>();

  /**
   * @param dictionary the language's real words: one of them is corrected only to another spelling of itself
   *   (asked only when a correction is in reach)
   */
  constructor(
    words: Iterable<string>,
    private readonly dictionary: { has(word: string): boolean; same(a: string, b: string): boolean } = { has: () => false, same: () => false },
  ) {
    for (const word of words) {
      if (!/^[a-z]+$/.test(word) || this.known.has(word)) continue;
      this.known.add(word);
      if (word.length < MIN_LENGTH) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.byDeletion.get(key);
        if (list === undefined) this.byDeletion.set(key, [word]);
        else if (!list.includes(word)) list.push(word);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** The known word closest to `word`, or null when it is known already or nothing is close enough. */
  correct(word: string): string | null {
    if (word.length < MIN_LENGTH || this.known.has(word) || !/^[a-z]+$/.test(word)) return null;
    const limit = word.length >= LONG_WORD ? 2 : 1;
    const candidates = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of this.byDeletion.get(key) ?? []) candidates.add(candidate);
    }
    if (candidates.size === 0) return null;
    if (this.dictionary.has(word)) for (const candidate of candidates) if (!this.dictionary.same(word, candidate)) candidates.delete(candidate);
    let best: string | null = null;
    let bestDistance = limit + 1;
    // A typo rarely changes the first letter, unless by swapping the first two ("hsipping"): "guppies" is not "puppies".
    for (const candidate of candidates) if (!sameStart(word, candidate)) candidates.delete(candidate);
    // Sorted so that ties always resolve the same way.
    for (const candidate of [...candidates].sort()) {
      const distance = editDistance(word, candidate, limit);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }
}
