import { ENGLISH_GLOSSARY } from './knowledge/english-glossary';
import { ENGLISH_STOPWORDS } from './english-stopwords';
import { normalizeText } from './normalize';

let glossary: Map<string, readonly string[]> | null = null;
/** Parsed on first use: most shops' messages never need it. */
function glossaryMap(): Map<string, readonly string[]> {
  if (glossary === null) {
    glossary = new Map();
    for (const line of ENGLISH_GLOSSARY.split('\n')) {
      const tab = line.indexOf('\t');
      glossary.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
  }
  return glossary;
}
const LATIN_WORD = /[a-z][a-z']*/g;
/** British spellings the glossary (American) does not hold. */
const BRITISH = [
  [/our$/, 'or'],
  [/ise$/, 'ize'],
  [/ised$/, 'ized'],
  [/tre$/, 'ter'],
] as const;

/** Everyday short forms CC-CEDICT lists under the full word. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  photo: 'photograph',
  photos: 'photograph',
  pic: 'picture',
  pics: 'picture',
  phone: 'telephone',
  info: 'information',
  ad: 'advertisement',
  tv: 'television',
  fridge: 'refrigerator',
  bike: 'bicycle',
  specs: 'specification',
};

/** The forms a word may be listed under: as written, without its ending, in American spelling. */
function formsOf(word: string): string[] {
  const forms = [word];
  const full = SHORT_FORMS[word];
  if (full !== undefined) forms.unshift(full);
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  // Past, -ing, comparatives and superlatives: shipped → ship, closing → close, bigger → big, warmest → warm.
  for (const ending of ['ed', 'ing', 'er', 'est']) {
    if (!word.endsWith(ending) || word.length < ending.length + 3) continue;
    const stem = word.slice(0, -ending.length);
    forms.push(stem, `${stem}e`);
    if (stem.at(-1) === stem.at(-2)) forms.push(stem.slice(0, -1));
  }
  for (const [ending, american] of BRITISH) if (ending.test(word)) forms.push(word.replace(ending, american));
  return forms;
}

/** The renderings of every form the word may be listed under ("ears": 耳畔 as written, 耳朵 as "ear"). */
function lookUp(key: string): readonly string[] {
  const found = new Set<string>();
  for (const form of key.includes(' ') ? [key] : formsOf(key)) for (const word of glossaryMap().get(form) ?? []) found.add(word);
  return [...found];
}

/**
 * The English dictionary as spelling correction needs it: a word CC-CEDICT knows in any of its forms ("crack",
 * "packs") is no typo, and may only become another form of itself ("packs" → pack, never "crack" → track).
 */
export const ENGLISH_WORDS = {
  has(word: string): boolean {
    return formsOf(word).some((form) => glossaryWords().has(form));
  },
  /** Two spellings of one word: they share a form ("shiping" and "shipping" both end in ship). */
  same(a: string, b: string): boolean {
    const forms = new Set(formsOf(a));
    return formsOf(b).some((form) => forms.has(form));
  },
};

let words: Set<string> | null = null;
/** Every word of the glossary's keys: "bulb" is an English word though listed only in "light bulb". */
function glossaryWords(): Set<string> {
  if (words === null) {
    words = new Set();
    for (const key of glossaryMap().keys()) for (const word of key.match(LATIN_WORD) ?? []) words.add(word);
  }
  return words;
}

/**
 * Reads the English words of a message in Chinese, for a shop whose rules are written in Chinese: each
 * word's (or two-word phrase's) Chinese renderings from CC-CEDICT, kept only where the shop's own rules use
 * them — so "photo before delivery" becomes 照片 when a rule says 照片, and nothing when no rule does.
 * Function words are never read ("you" would otherwise meet every 你們 of the rules).
 */
export class EnglishGlosses {
  private readonly cache = new Map<string, readonly string[]>();

  /**
   * @param ruleText the rules' normalised titles, keywords, examples and replies, joined
   * @param keywordText their normalised keywords, joined: a single character ("fish" → 魚) is read only where a
   *   keyword has it, since nearly every text of the shop holds some common character
   */
  constructor(
    private readonly ruleText: string,
    private readonly keywordText: string = ruleText,
  ) {}

  /** Chinese words of the shop's rules that render the message's English words (none without English). */
  of(text: string): string[] {
    const words = text.toLowerCase().match(LATIN_WORD);
    if (words === null) return [];
    const found = new Set<string>();
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as string;
      const next = words[i + 1];
      const phrase = next === undefined ? [] : this.used(`${word} ${next}`);
      if (phrase.length > 0) {
        phrase.forEach((gloss) => found.add(gloss));
        i += 1;
        continue;
      }
      if (word.length < 3 || ENGLISH_STOPWORDS.has(word)) continue;
      this.used(word).forEach((gloss) => found.add(gloss));
    }
    return [...found];
  }

  private used(key: string): readonly string[] {
    let words = this.cache.get(key);
    if (words === undefined) {
      // In the rules' own spelling (臺 → 台 …), as their text was normalised.
      words = lookUp(key)
        .map(normalizeText)
        .filter((gloss) => gloss !== '' && (gloss.length === 1 ? this.keywordText : this.ruleText).includes(gloss));
      this.cache.set(key, words);
    }
    return words;
  }
}
