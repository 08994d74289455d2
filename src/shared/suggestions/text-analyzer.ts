import { ENGLISH_STOPWORDS, FILLER_PHRASES } from './chat-variants';
import { DOMAIN_LEXICON, type LexiconConcept } from './lexicon';
import { ENGLISH_WORDS } from './english-glosses';
import { LatinSpelling } from './latin-spelling';
import { normalizeText, segmentsOf } from './normalize';
import { PhraseTrie } from './phrase-trie';
import { DEFAULT_TUNING, type EngineTuning } from './tuning';

/**
 * Relative weight of each feature family before IDF (see tuning.ts). Bigrams carry most of the meaning of
 * Chinese ("運費", "退貨"); single characters are only a weak back-off because one shared character is
 * weak evidence; concepts from the lexicon are strong because they bridge different wordings.
 */
export type FeatureWeights = Pick<EngineTuning, 'cjkUnigram' | 'cjkBigram' | 'cjkTrigram' | 'latinWord' | 'latinTrigram' | 'longNumber' | 'concept'>;

export interface AnalyzedText {
  /** The normalised text after Latin spelling correction. */
  readonly normalized: string;
  /** Domain concepts mentioned, sorted. */
  readonly concepts: readonly string[];
  /** feature → weight (family weight × sub-linear count); IDF is applied by the index. */
  readonly features: ReadonlyMap<string, number>;
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Family weight of a feature key (the key's shape says which family it belongs to). */
export function familyWeight(key: string, weights: FeatureWeights): number {
  if (key.startsWith('c:')) return weights.concept;
  if (key.startsWith('w:')) return weights.latinWord;
  if (key.startsWith('g:')) return weights.latinTrigram;
  if (key === '#number') return weights.longNumber;
  const length = [...key].length;
  if (length === 1) return weights.cjkUnigram;
  return length === 2 ? weights.cjkBigram : weights.cjkTrigram;
}

function countFeature(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Turns text into the features both the keyword matcher and the TF-IDF index use. Built once per rule set:
 * rule keywords are "protected" so filler removal never cuts into them (會 is filler, 會員 is not).
 */
export class TextAnalyzer {
  private readonly lexicon = new PhraseTrie<string>();
  private readonly protectedPhrases = new PhraseTrie<true>();
  private readonly fillers = new PhraseTrie<true>();
  private readonly spelling: LatinSpelling;

  constructor(
    ruleTexts: readonly string[],
    ruleKeywords: readonly string[],
    private readonly weights: FeatureWeights = DEFAULT_TUNING,
    lexicon: readonly LexiconConcept[] = DOMAIN_LEXICON,
  ) {
    const latinWords: string[] = [];
    const collectLatin = (normalized: string): void => {
      for (const segment of segmentsOf(normalized)) if (segment.kind === 'latin') latinWords.push(segment.text);
    };
    for (const entry of lexicon) {
      for (const term of entry.terms) {
        const normalized = normalizeText(term);
        this.lexicon.add(normalized, entry.concept);
        this.protectedPhrases.add(normalized, true);
        collectLatin(normalized);
      }
    }
    for (const keyword of new Set(ruleKeywords)) {
      const normalized = normalizeText(keyword);
      this.protectedPhrases.add(normalized, true);
      collectLatin(normalized);
    }
    // Vocabulary only needs the words, not the full pipeline: a cheap pass keeps index builds fast.
    for (const text of ruleTexts) latinWords.push(...(text.normalize('NFKC').toLowerCase().match(/[a-z]+/g) ?? []));
    for (const phrase of FILLER_PHRASES) this.fillers.add(normalizeText(phrase), true);
    this.spelling = new LatinSpelling(latinWords, ENGLISH_WORDS);
  }

  analyze(text: string): AnalyzedText {
    return this.analyzeNormalized(normalizeText(text));
  }

  /** The same for text already through normalizeText (so callers with several analyzers normalise once). */
  analyzeNormalized(normalizedText: string): AnalyzedText {
    const normalized = this.correctSpelling(normalizedText);
    const concepts = [...new Set(this.lexicon.findAll(normalized).map((hit) => hit.value))].sort();
    const content = this.removeFiller(normalized);
    const counts = new Map<string, number>();
    for (const segment of segmentsOf(content)) {
      if (segment.kind === 'cjk') this.addCjkFeatures(counts, segment.text);
      else this.addLatinFeatures(counts, segment.text);
    }
    for (const concept of concepts) countFeature(counts, `c:${concept}`);
    const features = new Map<string, number>();
    // Sub-linear term frequency: repeating a word should not dominate the vector.
    for (const [key, count] of counts) features.set(key, familyWeight(key, this.weights) * (1 + Math.log(count)));
    return { normalized, concepts, features };
  }

  /** Normalised form of a phrase (keyword, lexicon term) as the analyzer sees messages. */
  normalizePhrase(text: string): string {
    return this.correctSpelling(normalizeText(text));
  }

  private correctSpelling(normalized: string): string {
    if (!/[a-z]{4}/.test(normalized)) return normalized;
    return normalized
      .split(' ')
      .map((token) => (ENGLISH_STOPWORDS.has(token) ? token : (this.spelling.correct(token) ?? token)))
      .join(' ');
  }

  /** Greedy left-to-right: keep protected phrases whole, blank out filler, keep everything else. */
  private removeFiller(text: string): string {
    const keep = this.protectedPhrases.longestAt(text);
    const drop = this.fillers.longestAt(text);
    let out = '';
    let i = 0;
    while (i < text.length) {
      const kept = keep.get(i);
      const dropped = drop.get(i);
      if (kept !== undefined && (dropped === undefined || kept.end >= dropped.end)) {
        out += text.slice(i, kept.end);
        i = kept.end;
      } else if (dropped !== undefined) {
        out += ' ';
        i = dropped.end;
      } else {
        out += text[i];
        i += 1;
      }
    }
    return out.replace(/\s+/g, ' ').trim();
  }

  private addCjkFeatures(counts: Map<string, number>, run: string): void {
    const chars = [...run];
    for (let i = 0; i < chars.length; i += 1) {
      countFeature(counts, chars[i] as string);
      if (i + 1 < chars.length) countFeature(counts, `${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) countFeature(counts, `${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }

  private addLatinFeatures(counts: Map<string, number>, token: string): void {
    if (/^[0-9]+$/.test(token)) {
      // Order numbers, phone numbers, amounts: the exact digits never generalise, their presence might.
      if (token.length >= 5) countFeature(counts, '#number');
      return;
    }
    if (ENGLISH_STOPWORDS.has(token)) return;
    countFeature(counts, `w:${stem(token)}`);
    if (token.length < 4) return;
    const padded = `^${token}$`;
    for (let i = 0; i + 3 <= padded.length; i += 1) countFeature(counts, `g:${padded.slice(i, i + 3)}`);
  }
}
