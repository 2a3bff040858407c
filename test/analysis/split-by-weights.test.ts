import { describe, expect, it } from 'vitest';
import { splitByWeights } from '../../src/analysis/split-by-weights.ts';

describe('splitByWeights', () => {
  it.each<[string, bigint, bigint[], bigint[]]>([
    ['exact shares stay exact', 100n, [1n, 3n], [25n, 75n]],
    ['one unit left goes to the largest remainder', 10n, [1n, 1n, 1n], [4n, 3n, 3n]],
    ['ties go to the earlier part', 2n, [1n, 1n, 1n], [1n, 1n, 0n]],
    ['the larger fraction wins the unit', 7n, [1n, 2n], [2n, 5n]],
    ['zero weights get nothing', 5n, [0n, 2n, 0n, 3n], [0n, 2n, 0n, 3n]],
    ['a negative amount splits as its magnitude', -10n, [1n, 1n, 1n], [-4n, -3n, -3n]],
    ['zero stays zero', 0n, [5n, 7n], [0n, 0n]],
  ])('%s', (_, amount, weights, parts) => {
    expect(splitByWeights(amount, weights)).toEqual(parts);
  });

  it.each([1n, 7n, 999_999_999_999n, 12_345_678_901_234_567n, -3n])(
    'parts of %s add up exactly and stay within one unit of their exact share',
    (amount) => {
      const weights = [3n, 0n, 1_000_000n, 7n, 2_500_000n, 1n];
      const parts = splitByWeights(amount, weights);
      expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(amount);
      const total = weights.reduce((sum, weight) => sum + weight, 0n);
      parts.forEach((part, index) => {
        const exactTimesTotal = amount * weights[index]!;
        const error = part * total - exactTimesTotal;
        expect(error < 0n ? -error : error).toBeLessThan(total);
      });
    },
  );

  it('refuses weights that sum to nothing', () => {
    expect(() => splitByWeights(5n, [0n, 0n])).toThrow('positive sum');
  });
});
