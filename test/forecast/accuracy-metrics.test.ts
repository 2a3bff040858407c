import { describe, expect, it } from 'vitest';
import { coverage, mase, maseScale, meanAbsoluteError, smape } from '../../src/forecast/accuracy-metrics.ts';

describe('accuracy metrics (M4 definitions), checked by hand', () => {
  it('sMAPE = mean of 200·|y − ŷ| / (|y| + |ŷ|)', () => {
    // 200·10/210 = 9.5238…, 200·0/40 = 0, 200·50/150 = 66.666…
    expect(smape([100, 20, 100], [110, 20, 50])).toBeCloseTo(
      (200 * 10) / 210 / 3 + 0 + (200 * 50) / 150 / 3,
      12,
    );
  });

  it('sMAPE counts a step where actual and forecast are both 0 as 0, and is 200 when one is 0', () => {
    expect(smape([0, 0], [0, 5])).toBe(100);
  });

  it('MASE scale is the in-sample seasonal-naive mean absolute error', () => {
    // lag 1: |3−1| + |2−3| + |6−2| = 7 over 3 differences; lag 2: |2−1| + |6−3| = 4 over 2
    expect(maseScale([1, 3, 2, 6], 1)).toBeCloseTo(7 / 3, 12);
    expect(maseScale([1, 3, 2, 6], 2)).toBe(2);
  });

  it('MASE = MAE over the horizon / scale', () => {
    expect(meanAbsoluteError([10, 20], [12, 17])).toBe(2.5);
    expect(mase([10, 20], [12, 17], 2)).toBe(1.25);
  });

  it('coverage counts actuals inside the band, bounds included', () => {
    expect(coverage([1, 2, 3, 4], [1, 0, 3.5, 0], [2, 1, 4, 4])).toBe(0.5);
  });
});
