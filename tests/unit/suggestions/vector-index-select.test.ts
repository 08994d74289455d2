import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest } from '../../../src/shared/suggestions/vector-index';

describe('kthLargest (the shortlist cutoff)', () => {
  it('equals the k-th value of a descending sort, ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 120 }), fc.nat(), (ints, pick) => {
        const values = Float32Array.from(ints, (n) => n / 7);
        const k = 1 + (pick % values.length);
        const expected = [...values].sort((a, b) => b - a)[k - 1];
        expect(kthLargest(Float32Array.from(values), values.length, k)).toBe(expected);
      }),
    );
  });

  it('reads only the first `length` values of a larger scratch array', () => {
    const scratch = Float32Array.from([0.1, 0.9, 0.5, 99, 99]);
    expect(kthLargest(scratch, 3, 1)).toBeCloseTo(0.9);
    expect(kthLargest(Float32Array.from([0.1, 0.9, 0.5, 99, 99]), 3, 3)).toBeCloseTo(0.1);
  });
});
