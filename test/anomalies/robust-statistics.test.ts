import { describe, expect, it } from 'vitest';
import { meanAndDeviation, median, robustSigma } from '../../src/anomalies/robust-statistics.ts';

describe('robust statistics', () => {
  it.each([
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [5], expected: 5 },
    { values: [1, 1, 1, 100], expected: 1 },
  ])('median of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('the MAD-based sigma ignores one outlier; the standard deviation does not', () => {
    const values = [10, 11, 9, 10, 11, 9, 10, 1000];
    expect(robustSigma(values)).toBeCloseTo(1.4826, 3);
    expect(meanAndDeviation(values).deviation).toBeGreaterThan(300);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
