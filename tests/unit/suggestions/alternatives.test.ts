import { describe, expect, it } from 'vitest';
import { withAlternatives } from '../../../src/shared/suggestions/alternatives';

const floor = { minScore: 0.005, minOwnWords: 0.05 };
const candidate = (id: string, score: number, ownWords: number) => ({ id, score, ownWords });

describe('places after the first for a question, request or complaint', () => {
  it('keeps the first two by combined score and gives the last place to the rule whose own words fit best', () => {
    const ranked = [candidate('wholesale', 0.84, 0.2), candidate('stock', 0.47, 0.1), candidate('ship-time', 0.23, 0.2), candidate('gift', 0.2, 0.29)];
    expect(withAlternatives(ranked, 3, floor).map((c) => c.id)).toEqual(['wholesale', 'stock', 'gift']);
    // Already among the three: nothing changes.
    const shown = [candidate('wholesale', 0.84, 0.2), candidate('gift', 0.47, 0.4), candidate('ship-time', 0.23, 0.2), candidate('stock', 0.2, 0.29)];
    expect(withAlternatives(shown, 3, floor).map((c) => c.id)).toEqual(['wholesale', 'gift', 'ship-time']);
    // Fewer than three otherwise: it is added.
    expect(withAlternatives([candidate('a', 0.9, 0.9), candidate('b', 0.3, 0.01), candidate('c', 0.004, 0.1)], 3, floor).map((c) => c.id)).toEqual(['a', 'b']);
    expect(withAlternatives([candidate('a', 0.9, 0.9), candidate('b', 0.3, 0.01), candidate('c', 0.01, 0.1)], 3, floor).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('fills the places with weak candidates rather than leave them empty, but never with no evidence', () => {
    const ranked = [candidate('tea-brew', 0.76, 0.76), candidate('drip-bag', 0.02, 0.02), candidate('brewing', 0.006, 0.006), candidate('storage', 0.001, 0.001)];
    expect(withAlternatives(ranked, 3, floor).map((c) => c.id)).toEqual(['tea-brew', 'drip-bag', 'brewing']);
    expect(withAlternatives(ranked.slice(0, 1).concat(ranked.slice(3)), 3, floor).map((c) => c.id)).toEqual(['tea-brew']);
  });

  it('leaves the order by combined score when no rule’s own words reach the floor', () => {
    const ranked = [candidate('stock', 0.85, 0.85), candidate('warranty', 0.78, 0), candidate('repair', 0.69, 0), candidate('install', 0.045, 0.045)];
    expect(withAlternatives(ranked, 3, floor).map((c) => c.id)).toEqual(['stock', 'warranty', 'repair']);
  });

  it('never returns more than asked for, nor a candidate twice', () => {
    const ranked = [candidate('a', 0.9, 0.1), candidate('b', 0.5, 0.6), candidate('c', 0.4, 0.1)];
    expect(withAlternatives(ranked, 1, floor).map((c) => c.id)).toEqual(['a']);
    expect(withAlternatives(ranked, 3, floor).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(withAlternatives([], 3, floor)).toEqual([]);
  });
});
