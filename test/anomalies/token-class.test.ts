import { describe, expect, it } from 'vitest';
import { splitCostByTokenClass } from '../../src/anomalies/token-class.ts';

describe('splitCostByTokenClass', () => {
  it('splits the stored cost in proportion to the class weights, adding up to it', () => {
    const parts = splitCostByTokenClass(10_000_000_000_000n, [1, 0, 0, 3, 6, 0]);
    expect(parts).toEqual([1, 0, 0, 3, 6, 0]);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(10);
  });

  it('puts everything in "other" when no class has a price', () => {
    expect(splitCostByTokenClass(2_000_000_000_000n, [0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0, 2]);
  });
});
