import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTagName } from '../../../src/shared/tags';

// Strings rich in the characters the normaliser must handle: invisible, bidi, controls, selectors,
// combining marks, full-width and CJK, next to ordinary letters.
const tricky = fc.constantFrom(
  ...['\u200b', '\u200c', '\u200d', '\u200e', '\u202e', '\u2066', '\u2069', '\u061c', '\ufeff', '\u00ad', '\u2060', '\u0000', '\u0007', '\u0085'],
  ...['\ufe0f', '\ufe0e', '\u{E0101}', '\u{E0041}', '\u{E007F}', '\u0301', '\u0308', '\u3164', '\u034f', '\n', '\t', ' ', '\u3000'],
  ...['V', 'I', 'P', 'e', 'a', 'Ｖ', 'Ｉ', '客', '戶', 'ㄅ', '7', '-', '😀', '👨', '❤', '🏴', 'ﾀ', 'ﾞ', 'ש', 'م'],
);
const names = fc.oneof(fc.string({ unit: tricky, maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));

describe('normaliseTagName properties', () => {
  it('is idempotent: a normalised name normalises to itself', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const once = normaliseTagName(raw);
        if (!once.ok) return;
        expect(normaliseTagName(once.name)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no control or format character, and no untrimmed or doubled whitespace', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const result = normaliseTagName(raw);
        if (!result.ok) return;
        expect(result.name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        expect(result.name).toBe(result.name.trim());
        expect(result.name).not.toMatch(/\s\s/u);
      }),
      { numRuns: 2000 },
    );
  });
});
