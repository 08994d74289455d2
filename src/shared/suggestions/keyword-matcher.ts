import { hasHan } from './normalize';
import { PhraseTrie } from './phrase-trie';

export interface KeywordSource {
  readonly ruleIndex: number;
  /** As written in the rules file (shown to the agent in the reason). */
  readonly keyword: string;
  /** Normalised with the same pipeline as messages. */
  readonly normalized: string;
}

export interface KeywordHit {
  readonly ruleIndex: number;
  readonly keyword: string;
  /** 0..1 confidence that this keyword alone identifies the rule. */
  readonly strength: number;
  readonly fuzzy: boolean;
}

/**
 * Base confidence by how much a keyword says. A 2-character Chinese word or a 3-letter acronym is short
 * and more often incidental than "超商取貨" or "size chart".
 */
export const KEYWORD_STRENGTH = {
  cjkShort: 0.78, // 2 characters
  cjkMedium: 0.84, // 3 characters
  cjkLong: 0.9, // 4+ characters
  latinShort: 0.78, // one word of ≤ 3 letters (atm, vip)
  latinWord: 0.84,
  latinPhrase: 0.9,
  extraKeywordBonus: 0.03,
  maxExtraBonus: 0.06,
  fuzzyFactor: 0.8,
} as const;

const MIN_FUZZY_CJK_LENGTH = 4;
/** Rule index of a delimiting word (KeywordMatcher's `words`): read like a keyword, never reported. */
const WORD_ONLY = -1;

/**
 * Left to right, the first word read wins: a later hit that starts inside an earlier one and ends past it
 * is dropped ("送的" in "運送的錢"). Hits must be ordered by start.
 */
function withoutCrossing<T extends Span>(hits: readonly T[]): readonly T[] {
  // Most messages have no crossing at all: one pass over the hits (ordered by start) tells.
  let reach = 0;
  let crossing = false;
  for (let i = 0; i < hits.length && !crossing; i += 1) {
    const hit = hits[i] as T;
    crossing = hit.start < reach && hit.end > reach;
    if (hit.end > reach) reach = hit.end;
  }
  if (!crossing) return hits;
  const kept: T[] = [];
  for (const hit of hits) {
    if (!kept.some((earlier) => earlier.start < hit.start && hit.start < earlier.end && hit.end > earlier.end)) kept.push(hit);
  }
  return kept;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface RawHit extends Span {
  readonly source: KeywordSource;
  readonly fuzzy: boolean;
}

function baseStrength(normalized: string): number {
  if (hasHan(normalized)) {
    const length = [...normalized.replace(/ /g, '')].length;
    if (length <= 2) return KEYWORD_STRENGTH.cjkShort;
    return length === 3 ? KEYWORD_STRENGTH.cjkMedium : KEYWORD_STRENGTH.cjkLong;
  }
  if (normalized.includes(' ')) return KEYWORD_STRENGTH.latinPhrase;
  return normalized.length <= 3 ? KEYWORD_STRENGTH.latinShort : KEYWORD_STRENGTH.latinWord;
}

/**
 * Finds rule keywords in a normalised message: exact occurrences (substring for Chinese, whole words for
 * Latin) through one trie walk, plus Chinese keywords of 4+ characters with one wrong character (typing
 * a homophone is the common Chinese typo), found through a bigram index so only keywords sharing a
 * bigram with the message are ever compared. Two-character keywords must match exactly: sharing one of
 * two characters (運費 vs 運動鞋) is not a match.
 */
export class KeywordMatcher {
  private readonly exact = new PhraseTrie<KeywordSource>();
  private readonly fuzzyByBigram = new Map<string, KeywordSource[]>();
  private readonly rulesPerKeyword = new Map<string, number>();

  /** True when delimiting words were given: they sit in the same trie as the keywords, with no rule. */
  private readonly readsWords: boolean;

  /**
   * @param options.fuzzy also match Chinese keywords of 4+ characters with one wrong character (default true).
   * @param options.words normalised words read left to right with the keywords, as a reader segments the
   *   text: a keyword that starts inside an earlier word and ends past it ("送的" in "運送的錢") is no hit.
   */
  constructor(sources: readonly KeywordSource[], options: { fuzzy?: boolean; words?: readonly string[] } = {}) {
    const fuzzy = options.fuzzy ?? true;
    this.readsWords = options.words !== undefined;
    for (const word of options.words ?? []) if (word !== '') this.exact.add(word, { ruleIndex: WORD_ONLY, keyword: word, normalized: word });
    const owners = new Map<string, Set<number>>();
    for (const source of sources) {
      if (source.normalized === '') continue;
      this.exact.add(source.normalized, source);
      const set = owners.get(source.normalized) ?? new Set<number>();
      set.add(source.ruleIndex);
      owners.set(source.normalized, set);
      const chars = [...source.normalized];
      if (fuzzy && chars.length >= MIN_FUZZY_CJK_LENGTH && /^[\p{Script=Han}]+$/u.test(source.normalized)) {
        for (const bigram of new Set(chars.slice(0, -1).map((ch, i) => ch + (chars[i + 1] as string)))) {
          const list = this.fuzzyByBigram.get(bigram) ?? [];
          list.push(source);
          this.fuzzyByBigram.set(bigram, list);
        }
      }
    }
    for (const [normalized, rules] of owners) this.rulesPerKeyword.set(normalized, rules.size);
  }

  /** Every keyword found exactly in a text (one walk of the trie). */
  keywordsIn(text: string): KeywordSource[] {
    return this.exact
      .findAll(text)
      .map((hit) => hit.value)
      .filter((source) => source.ruleIndex !== WORD_ONLY);
  }

  /** Best keyword hit per rule, strongest first. */
  match(message: string): KeywordHit[] {
    let raw: RawHit[] = this.exact.findAll(message).map((hit) => ({ start: hit.start, end: hit.end, source: hit.value, fuzzy: false }));
    raw.push(...this.fuzzyHits(message, raw));
    // Exact hits come ordered by start; typo-tolerant ones (never with words, see the classifier) are appended.
    if (this.readsWords) raw = withoutCrossing(raw).filter((hit) => hit.source.ruleIndex !== WORD_ONLY);
    // A keyword inside a longer keyword of another rule ("尺寸" inside "換尺寸") is that rule's word, not ours.
    const kept = raw.filter(
      (hit) => !raw.some((other) => other.source.ruleIndex !== hit.source.ruleIndex && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start),
    );
    const byRule = new Map<number, { best: RawHit; strength: number; distinct: Set<string> }>();
    for (const hit of kept) {
      const shared = this.rulesPerKeyword.get(hit.source.normalized) ?? 1;
      // A keyword several rules list cannot decide between them on its own.
      const strength = baseStrength(hit.source.normalized) * (hit.fuzzy ? KEYWORD_STRENGTH.fuzzyFactor : 1) * (shared > 1 ? 0.9 : 1);
      const entry = byRule.get(hit.source.ruleIndex);
      if (entry === undefined) {
        byRule.set(hit.source.ruleIndex, { best: hit, strength, distinct: new Set([hit.source.normalized]) });
        continue;
      }
      entry.distinct.add(hit.source.normalized);
      if (strength > entry.strength) {
        entry.best = hit;
        entry.strength = strength;
      }
    }
    const hits: KeywordHit[] = [];
    for (const [ruleIndex, entry] of byRule) {
      const bonus = Math.min(KEYWORD_STRENGTH.maxExtraBonus, (entry.distinct.size - 1) * KEYWORD_STRENGTH.extraKeywordBonus);
      hits.push({ ruleIndex, keyword: entry.best.source.keyword, strength: Math.min(0.99, entry.strength + bonus), fuzzy: entry.best.fuzzy });
    }
    return hits.sort((a, b) => b.strength - a.strength || a.ruleIndex - b.ruleIndex);
  }

  private fuzzyHits(message: string, exactHits: readonly RawHit[]): RawHit[] {
    if (this.fuzzyByBigram.size === 0) return [];
    const exactKeywords = new Set(exactHits.map((hit) => hit.source));
    const candidates = new Set<KeywordSource>();
    for (let i = 0; i + 1 < message.length; i += 1) {
      for (const source of this.fuzzyByBigram.get(message.slice(i, i + 2)) ?? []) if (!exactKeywords.has(source)) candidates.add(source);
    }
    const hits: RawHit[] = [];
    for (const source of candidates) {
      const keyword = source.normalized;
      for (let start = 0; start + keyword.length <= message.length; start += 1) {
        let mismatches = 0;
        for (let k = 0; k < keyword.length && mismatches <= 1; k += 1) if (message[start + k] !== keyword[k]) mismatches += 1;
        // Exactly one substituted Chinese character, and the window must itself be Chinese.
        if (mismatches === 1 && /^[\p{Script=Han}]+$/u.test(message.slice(start, start + keyword.length))) {
          hits.push({ start, end: start + keyword.length, source, fuzzy: true });
          break;
        }
      }
    }
    return hits;
  }
}
