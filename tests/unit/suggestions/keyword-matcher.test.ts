import { describe, expect, it } from 'vitest';
import { KeywordMatcher, type KeywordSource } from '../../../src/shared/suggestions/keyword-matcher';
import { ENGLISH_WORDS } from '../../../src/shared/suggestions/english-glosses';
import { editDistance, LatinSpelling } from '../../../src/shared/suggestions/latin-spelling';
import { normalizeText } from '../../../src/shared/suggestions/normalize';

function matcher(keywordsByRule: string[][]): KeywordMatcher {
  const sources: KeywordSource[] = keywordsByRule.flatMap((keywords, ruleIndex) =>
    keywords.map((keyword) => ({ ruleIndex, keyword, normalized: normalizeText(keyword) })),
  );
  return new KeywordMatcher(sources);
}

describe('KeywordMatcher', () => {
  const rules = matcher([['運費', '免運'], ['超商取貨', '7-11'], ['size chart', 'ATM'], ['尺寸'], ['換尺寸']]);

  it('finds a Chinese keyword as a substring of the message', () => {
    const hits = rules.match(normalizeText('請問運費多少'));
    expect(hits.map((h) => [h.ruleIndex, h.keyword, h.fuzzy])).toEqual([[0, '運費', false]]);
  });

  it('does not treat one shared character of a 2-character keyword as a match (運費 vs 運動鞋)', () => {
    expect(rules.match(normalizeText('我想買運動鞋'))).toEqual([]);
    expect(rules.match(normalizeText('費用怎麼算'))).toEqual([]);
  });

  it('matches Latin keywords on word boundaries only', () => {
    expect(rules.match(normalizeText('Where is the SIZE CHART?')).map((h) => h.ruleIndex)).toEqual([2]);
    expect(rules.match(normalizeText('atm轉帳')).map((h) => h.ruleIndex)).toEqual([2]);
    expect(rules.match(normalizeText('batman'))).toEqual([]);
  });

  it('matches store spellings through normalisation', () => {
    expect(rules.match(normalizeText('可以寄小七嗎')).map((h) => h.keyword)).toEqual(['7-11']);
  });

  it('tolerates one wrong character in a keyword of four or more characters, with less confidence', () => {
    const hits = rules.match(normalizeText('超商取或可以嗎'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleIndex: 1, keyword: '超商取貨', fuzzy: true });
    const exact = rules.match(normalizeText('超商取貨可以嗎'))[0];
    expect(exact?.strength).toBeGreaterThan(hits[0]?.strength ?? 1);
  });

  it('leaves a keyword inside a longer keyword of another rule to that rule (尺寸 inside 換尺寸)', () => {
    expect(rules.match(normalizeText('可以換尺寸嗎')).map((h) => h.ruleIndex)).toEqual([4]);
    expect(rules.match(normalizeText('尺寸怎麼選')).map((h) => h.ruleIndex)).toEqual([3]);
  });

  it('gives longer, more specific keywords more weight', () => {
    const short = rules.match(normalizeText('運費'))[0]?.strength ?? 0;
    const long = rules.match(normalizeText('超商取貨'))[0]?.strength ?? 0;
    expect(long).toBeGreaterThan(short);
  });
});

describe('LatinSpelling', () => {
  const spelling = new LatinSpelling(['shipping', 'refund', 'exchange', 'receipt', 'size']);

  it('corrects a word within one edit (two for long words) to the known word', () => {
    expect(spelling.correct('shiping')).toBe('shipping');
    expect(spelling.correct('refnud')).toBe('refund');
    expect(spelling.correct('excahnge')).toBe('exchange');
    expect(spelling.correct('reciept')).toBe('receipt');
  });

  it('turns an English word only into another form of itself, never into a word it resembles', () => {
    const english = new LatinSpelling(['track', 'bulk', 'pack', 'shipping'], ENGLISH_WORDS);
    expect(english.correct('crack')).toBeNull();
    expect(english.correct('bulb')).toBeNull();
    expect(english.correct('packs')).toBe('pack');
    // A typo is no English word: it is still corrected.
    expect(english.correct('trakc')).toBe('track');
    expect(english.correct('shiping')).toBe('shipping');
  });

  it('keeps the first letter: a word the dictionary lacks is no typo of a word starting differently', () => {
    const pets = new LatinSpelling(['puppies', 'shipping']);
    expect(pets.correct('guppies')).toBeNull();
    // Swapping the first two letters is a typo.
    expect(pets.correct('hsipping')).toBe('shipping');
  });

  it('leaves known, short and unrelated words alone', () => {
    expect(spelling.correct('refund')).toBeNull();
    expect(spelling.correct('siz')).toBeNull();
    expect(spelling.correct('banana')).toBeNull();
  });

  it('computes bounded edit distance with transpositions', () => {
    expect(editDistance('ab', 'ba', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('reads delimiting words left to right: a keyword that starts inside an earlier word and runs past it is no hit', () => {
    const source = (keyword: string, ruleIndex: number): KeywordSource => ({ ruleIndex, keyword, normalized: normalizeText(keyword) });
    const withWords = new KeywordMatcher([source('送的', 0), source('運費', 1)], { words: ['運送', '寄送'] });
    expect(withWords.match(normalizeText('運送的錢另外算嗎'))).toEqual([]);
    expect(withWords.match(normalizeText('寄送的運費')).map((h) => h.keyword)).toEqual(['運費']);
    expect(withWords.match(normalizeText('這是送的嗎')).map((h) => h.keyword)).toEqual(['送的']);
    // Without the words the same keyword is found inside 運送的.
    expect(new KeywordMatcher([source('送的', 0)]).match(normalizeText('運送的錢另外算嗎')).map((h) => h.keyword)).toEqual(['送的']);
  });
});
