import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeCharacters, segmentUnsafeText, showUnsafeCharacters, withoutUnsafeCharacters } from '../../../src/shared/text/unsafe-characters';

const labels = (text: string) => findUnsafeCharacters(text).map((found) => found.label);

// Text that must display exactly as it is: ZWJ emoji, selectors, flags, joining scripts, CJK, RTL names.
const LEGITIMATE = [
  '👨‍👩‍👧', '🏳️‍🌈', '👩🏽‍💻', '🏃‍♀️', '🧑‍🦰', '👁️‍🗨️', '❤️', '☺︎', '1️⃣', '#️⃣', '🇹🇼',
  '🏴󠁧󠁢󠁥󠁮󠁧󠁿', // flag of England: black flag + tag characters + cancel tag
  '邊󠄁', // an ideographic variation sequence after Han
  'می‌خواهم', // Persian with ZWNJ
  'क्‍ष', // Devanagari with ZWJ
  'שלום', 'مرحبا', 'محمد', '陳小姐', 'ㄅㄆㄇ', '7-11取貨', 'Amy Wu', '第一行\n第二行\t!', '٣ ؀٣',
];

describe('findUnsafeCharacters', () => {
  it('finds bidi controls, with their offsets', () => {
    expect(findUnsafeCharacters('evil\u202elive')).toEqual([
      { index: 4, length: 1, codePoint: 0x202e, label: 'RLO', description: 'U+202E RIGHT-TO-LEFT OVERRIDE' },
    ]);
    expect(labels('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toEqual([
      'LRE', 'RLE', 'PDF', 'LRO', 'LRI', 'RLI', 'FSI', 'PDI', 'LRM', 'RLM', 'ALM',
    ]);
  });

  it('finds zero-width and other invisible format characters, controls and fillers', () => {
    expect(labels('V\u200bI\u200cP\u200d!\u2060\ufeff\u00ad')).toEqual(['ZWSP', 'ZWNJ', 'ZWJ', 'WJ', 'ZWNBSP', 'SHY']);
    expect(labels('a\u0000b\u001bc\u007fd\u0085')).toEqual(['NUL', 'ESC', 'DEL', 'U+0085']);
    expect(labels('\u3164\u115f\u034f\u2028\u2029\ufff9')).toEqual(['HF', 'HF', 'CGJ', 'LSEP', 'PSEP', 'U+FFF9']);
  });

  it('shows hidden ASCII smuggled in tag characters, outside an emoji flag', () => {
    expect(labels('hi\u{E0041}\u{E0042}')).toEqual(['TAG A', 'TAG B']);
    expect(findUnsafeCharacters('hi\u{E0041}')[0]).toMatchObject({ index: 2, length: 2, codePoint: 0xe0041 });
    // Black flag + tags without the cancel tag is not a flag sequence.
    expect(labels('🏴\u{E0067}\u{E0062}')).toEqual(['TAG g', 'TAG b']);
  });

  it('finds variation selectors that modify nothing: leading, repeated, or after a base they do not fit', () => {
    expect(labels('\ufe0fA')).toEqual(['VS16']);
    expect(labels('😀\ufe0f\ufe0f\ufe0f')).toEqual(['VS16', 'VS16']);
    expect(labels('abc\ufe0f')).toEqual(['VS16']);
    expect(labels('A\u{E0100}')).toEqual(['VS17']);
    expect(labels(' \ufe00')).toEqual(['VS1']);
  });

  it('finds joiners between letters of scripts that do not join', () => {
    expect(labels('V\u200dIP')).toEqual(['ZWJ']);
    expect(labels('\u200d😀')).toEqual(['ZWJ']);
    expect(labels('😀\u200d')).toEqual(['ZWJ']);
  });

  it('leaves legitimate emoji sequences, selectors and right-to-left names alone', () => {
    for (const text of LEGITIMATE) expect({ text, found: labels(text) }).toEqual({ text, found: [] });
  });
});

describe('segmentUnsafeText', () => {
  it('puts every character back in order, with the unsafe ones as their own segments', () => {
    expect(segmentUnsafeText('ab\u202ecd')).toEqual([
      { kind: 'text', start: 0, text: 'ab' },
      { kind: 'unsafe', start: 2, text: '\u202e', codePoint: 0x202e, label: 'RLO', description: 'U+202E RIGHT-TO-LEFT OVERRIDE' },
      { kind: 'text', start: 3, text: 'cd' },
    ]);
  });

  it('loses nothing: the segments join back to the text, at their offsets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const segments = segmentUnsafeText(text);
        expect(segments.map((segment) => segment.text).join('')).toBe(text);
        for (const segment of segments) expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
      }),
    );
  });

  it('keeps ZWJ emoji whole wherever they stand in other text', () => {
    const emoji = fc.constantFrom(...LEGITIMATE.filter((text) => /\p{Extended_Pictographic}/u.test(text)));
    const around = fc.string({ unit: fc.constantFrom('a', '客', ' ', '\u202e', '\u200b', '!', 'ש'), maxLength: 6 });
    fc.assert(
      fc.property(around, emoji, around, (before, sequence, after) => {
        const text = `${before}${sequence}${after}`;
        const unsafeInside = findUnsafeCharacters(text).filter((found) => found.index >= before.length && found.index < before.length + sequence.length);
        expect(unsafeInside).toEqual([]);
        expect(showUnsafeCharacters(text)).toContain(sequence);
      }),
    );
  });
});

describe('plain-string forms', () => {
  it('shows each unsafe character as a bracketed label, or drops it', () => {
    expect(showUnsafeCharacters('evil\u202elive')).toBe('evil⟨RLO⟩live');
    expect(withoutUnsafeCharacters('\u202eAmy\u200b 👨‍👩‍👧')).toBe('Amy 👨‍👩‍👧');
  });
});
