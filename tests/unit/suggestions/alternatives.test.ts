import { describe, expect, it } from 'vitest';
import { withAlternatives } from '../../../src/shared/suggestions/alternatives';

const candidate = (id: string, score: number) => ({ id, score });

describe('places after the first for a question, request or complaint', () => {
  it('are filled with weak candidates rather than left empty, but never with no evidence', () => {
    const ranked = [candidate('tea-brew', 0.76), candidate('drip-bag', 0.02), candidate('brewing', 0.006), candidate('storage', 0.001)];
    expect(withAlternatives(ranked, 3, 0.005).map((c) => c.id)).toEqual(['tea-brew', 'drip-bag', 'brewing']);
    expect(withAlternatives([candidate('tea-brew', 0.76), candidate('storage', 0.001)], 3, 0.005).map((c) => c.id)).toEqual(['tea-brew']);
  });

  it('keep the first whatever its score (its threshold was applied before) and never exceed the count', () => {
    expect(withAlternatives([candidate('a', 0.001), candidate('b', 0.5)], 3, 0.005).map((c) => c.id)).toEqual(['a', 'b']);
    expect(withAlternatives([candidate('a', 0.9), candidate('b', 0.5), candidate('c', 0.4)], 1, 0.005).map((c) => c.id)).toEqual(['a']);
    expect(withAlternatives([], 3, 0.005)).toEqual([]);
  });
});
