import { describe, expect, it } from 'vitest';
import { forecastSeries, usablePeriods } from '../../src/forecast/forecast-series.ts';
import { planBacktest } from '../../src/forecast/rolling-origin-backtest.ts';

const options = {
  horizon: 14,
  periods: [7],
  method: 'auto',
  intervalLevel: 0.8,
  isNonNegative: true,
} as const;
const weekly = [10, 12, 12, 11, 9, 2, 1];
const wobble = (index: number) => {
  const hash = Math.sin((index + 1) * 12.9898) * 43758.5453;
  return hash - Math.floor(hash) - 0.5;
};
const seasonal = Array.from({ length: 140 }, (_, index) => weekly[index % 7]! + wobble(index));

describe('rolling-origin backtest plan', () => {
  it('origins end the horizon before the end and step back by the stride', () => {
    expect(planBacktest(100, { horizon: 10, stride: 7, maxOrigins: 3, minTrainLength: 20 })).toEqual({
      horizon: 10,
      origins: [90, 83, 76],
    });
  });

  it('shrinks the horizon to what the history holds, and gives up when nothing fits', () => {
    expect(planBacktest(25, { horizon: 10, stride: 7, maxOrigins: 8, minTrainLength: 20 })).toEqual({
      horizon: 5,
      origins: [20],
    });
    expect(planBacktest(20, { horizon: 10, stride: 7, maxOrigins: 8, minTrainLength: 20 })).toBeNull();
  });
});

describe('forecastSeries', () => {
  it('a flat history gives a flat forecast with a zero-width band', () => {
    const result = forecastSeries(new Array<number>(60).fill(3), options);
    for (const value of result.points) expect(value).toBeCloseTo(3, 6);
    expect(result.lower!.every((value, index) => Math.abs(value - result.upper![index]!) < 1e-6)).toBe(true);
  });

  it('auto picks a seasonal method for a weekly pattern and beats seasonal naive or ties it', () => {
    const result = forecastSeries(seasonal, options);
    expect(result.methods[0]!.period).toBe(7);
    expect(result.accuracy!.mase).toBeLessThanOrEqual(result.accuracy!.maseSeasonalNaive! + 1e-9);
    const misses = result.points.map((value, step) => Math.abs(value - weekly[(140 + step) % 7]!));
    expect(Math.max(...misses)).toBeLessThan(1.5);
  });

  it('the band holds the stated share of backtest actuals (leave one origin out)', () => {
    const result = forecastSeries(seasonal, options);
    expect(result.accuracy!.coverage).toBeGreaterThanOrEqual(0.8);
    expect(result.accuracy!.origins).toBe(8);
    expect(result.lower!.every((value, index) => value <= result.upper![index]!)).toBe(true);
  });

  it('an explicit method is used as given', () => {
    const result = forecastSeries(seasonal, { ...options, method: { name: 'theta', period: 7 } });
    expect(result.methodLabel).toBe('theta:7');
  });

  it('a history too short to backtest falls back to seasonal naive without a band', () => {
    const result = forecastSeries([1, 2, 3, 4, 5, 6, 7, 8], options);
    expect(result.accuracy).toBeNull();
    expect(result.lower).toBeNull();
    expect(result.points).toHaveLength(14);
  });

  it('drops season lengths the history holds fewer than four times', () => {
    expect(usablePeriods(600, [24, 168])).toEqual([24]);
    expect(usablePeriods(700, [24, 168])).toEqual([24, 168]);
  });
});
