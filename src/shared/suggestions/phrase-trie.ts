/**
 * A character trie that finds every occurrence of a set of phrases in one pass over a text
 * (O(text length × longest phrase), independent of how many phrases there are).
 * Phrases that begin or end with a Latin letter or digit only match on word boundaries, so "ok" does not
 * match inside "book"; Chinese phrases match anywhere, as Chinese has no spaces between words.
 */
export interface PhraseHit<T> {
  readonly start: number;
  readonly end: number;
  readonly value: T;
}

interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  values: T[] | null;
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LATIN_OR_DIGIT.test(ch);
}

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map(), values: null };
  private phraseCount = 0;

  get size(): number {
    return this.phraseCount;
  }

  add(phrase: string, value: T): void {
    if (phrase === '') return;
    let node = this.root;
    for (const ch of phrase) {
      let next = node.children.get(ch);
      if (next === undefined) {
        next = { children: new Map(), values: null };
        node.children.set(ch, next);
      }
      node = next;
    }
    if (node.values === null) {
      node.values = [];
      this.phraseCount += 1;
    }
    node.values.push(value);
  }

  /** Every (start, end, value) occurrence, ordered by start then by length. */
  findAll(text: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let start = 0; start < text.length; start += 1) {
      const first = text[start];
      // A Latin phrase may not start in the middle of a Latin word.
      const startsInsideWord = isWordChar(first) && isWordChar(text[start - 1]);
      let node: TrieNode<T> | undefined = this.root;
      for (let end = start; end < text.length && node !== undefined; end += 1) {
        node = node.children.get(text[end] as string);
        if (node?.values == null) continue;
        const last = text[end];
        const endsInsideWord = isWordChar(last) && isWordChar(text[end + 1]);
        if (startsInsideWord || endsInsideWord) continue;
        for (const value of node.values) hits.push({ start, end: end + 1, value });
      }
    }
    return hits;
  }

  /** Longest hit starting at each position, for greedy left-to-right rewriting. */
  longestAt(text: string): Map<number, PhraseHit<T>> {
    const longest = new Map<number, PhraseHit<T>>();
    for (const hit of this.findAll(text)) {
      const current = longest.get(hit.start);
      if (current === undefined || hit.end > current.end) longest.set(hit.start, hit);
    }
    return longest;
  }
}
