import { describe, expect, it } from 'vitest';
import { empiricalQuantile, probabilityAbove } from '../../src/forecast/empirical-quantile.ts';
import {
  horizonTotalQuantile,
  horizonTotalSamples,
  predictionBand,
  probabilityTotalAbove,
  stepQuantile,
} from '../../src/forecast/predictive-distribution.ts';
import { leaveOneOriginOutCoverage, widenToCoverage } from '../../src/forecast/widen-to-coverage.ts';

describe('empirical quantiles (plotting positions i/(n+1))', () => {
  it('interpolates between order statistics and stops at the extremes', () => {
    const samples = [4, 1, 3, 2];
    // positions 0.2, 0.4, 0.6, 0.8 hold 1, 2, 3, 4
    expect(empiricalQuantile(samples, 0.5)).toBeCloseTo(2.5, 12);
    expect(empiricalQuantile(samples, 0.3)).toBeCloseTo(1.5, 12);
    expect(empiricalQuantile(samples, 0.1)).toBe(1);
    expect(empiricalQuantile(samples, 0.95)).toBe(4);
  });

  it('P(X > x) inverts the quantile and never claims certainty inside the data', () => {
    const sorted = [1, 2, 3, 4];
    expect(probabilityAbove(sorted, 2.5)).toBeCloseTo(0.5, 12);
    expect(probabilityAbove(sorted, 4)).toBeCloseTo(0.2, 12);
    expect(probabilityAbove(sorted, 1)).toBeCloseTo(0.8, 12);
    expect(probabilityAbove(sorted, 100)).toBe(0);
    expect(probabilityAbove(sorted, -100)).toBe(1);
  });
});

const distribution = {
  points: [10, 10, 10],
  // three origins, errors per step: the band is built from these, never from a normal formula
  errors: [
    [-1, -2, -3],
    [0, 0, 0],
    [1, 2, 3],
  ],
  errorScale: 1,
  isNonNegative: true,
};

describe('predictive distribution from backtest errors', () => {
  it('the median of symmetric errors is the point forecast', () => {
    expect(stepQuantile(distribution, 2, 0.5)).toBe(10);
  });

  it('a band is wider further ahead when errors grow with the step', () => {
    const band = predictionBand(distribution, 0.8);
    expect(band.upper[2]! - band.lower[2]!).toBeGreaterThan(band.upper[0]! - band.lower[0]!);
  });

  it('steps beyond the backtest scale the last errors by √(k / covered)', () => {
    const longer = { ...distribution, points: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10] };
    const spreadAt = (step: number) => stepQuantile(longer, step, 0.9) - 10;
    expect(spreadAt(12)).toBeCloseTo(spreadAt(3) * 2, 12);
  });

  it('the total adds each origin’s errors across steps (persistent errors add up)', () => {
    expect(horizonTotalSamples(distribution, 3)).toEqual([24, 30, 36]);
    expect(horizonTotalQuantile(distribution, 3, 0.5)).toBe(30);
  });

  it('breach probability of a budget on the total', () => {
    expect(probabilityTotalAbove(distribution, 3, 30)).toBeCloseTo(0.5, 12);
    expect(probabilityTotalAbove(distribution, 3, 36)).toBeCloseTo(0.25, 12);
    expect(probabilityTotalAbove(distribution, 3, 1_000)).toBe(0);
  });

  it('clips at zero for spend', () => {
    const small = { ...distribution, points: [1, 1, 1] };
    expect(stepQuantile(small, 3, 0.01)).toBe(0);
  });
});

describe('widening the band to the leave-one-origin-out coverage', () => {
  const forecasts = Array.from({ length: 6 }, () => [0, 0]);
  // an origin far off the others: bands built without it miss it
  const errors = [
    [1, 1],
    [-1, -1],
    [2, 2],
    [-2, -2],
    [1.5, 1.5],
    [8, 8],
  ];

  it('coverage with each origin predicted from the others', () => {
    expect(leaveOneOriginOutCoverage({ forecasts, errors }, 0.8, 1)).toBeLessThan(0.8);
  });

  it('finds the smallest factor that reaches the level, and that factor does reach it', () => {
    const scale = widenToCoverage({ forecasts, errors }, 0.8);
    expect(scale).toBeGreaterThan(1);
    expect(leaveOneOriginOutCoverage({ forecasts, errors }, 0.8, scale)).toBeGreaterThanOrEqual(0.8);
    expect(leaveOneOriginOutCoverage({ forecasts, errors }, 0.8, scale * 0.95)).toBeLessThan(0.8);
  });
});
