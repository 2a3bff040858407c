import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, runMethod } from '../../src/forecast/forecast-methods.ts';
import { fitSmoothing, forecastSmoothing } from '../../src/forecast/exponential-smoothing.ts';
import { forecastTheta } from '../../src/forecast/theta-forecast.ts';

/** The largest absolute difference between two series of the same length. */
const largestDifference = (actual: readonly number[], expected: readonly number[]): number =>
  Math.max(...actual.map((value, index) => Math.abs(value - expected[index]!)));

const constant = new Array<number>(60).fill(5);
const line = Array.from({ length: 60 }, (_, index) => 10 + 2 * index);
const weekly = [3, 5, 5, 5, 4, 1, 1];
const seasonal = Array.from({ length: 70 }, (_, index) => weekly[index % 7]!);

describe('forecast methods on series with known futures', () => {
  it.each(METHOD_NAMES)('%s forecasts a constant series as that constant', (name) => {
    const forecast = runMethod({ name, period: 7 }, constant, 10);
    expect(forecast).not.toBeNull();
    for (const value of forecast!) expect(value).toBeCloseTo(5, 6);
  });

  it.each(['linear-trend', 'holt'] as const)('%s extends a straight line', (name) => {
    const forecast = runMethod({ name, period: 1 }, line, 5)!;
    const expected = [130, 132, 134, 136, 138];
    expect(largestDifference(forecast, expected)).toBeLessThan(0.05);
  });

  it.each(['seasonal-naive', 'hw-additive', 'hw-multiplicative', 'theta', 'ses', 'naive2', 'combo'] as const)(
    '%s repeats a pure weekly pattern',
    (name) => {
      const forecast = runMethod({ name, period: 7 }, seasonal, 14)!;
      expect(largestDifference(forecast, [...weekly, ...weekly])).toBeLessThan(0.05);
    },
  );

  it('seasonal naive takes the value one season earlier', () => {
    expect(runMethod({ name: 'seasonal-naive', period: 3 }, [1, 2, 3, 4, 5, 6], 4)).toEqual([4, 5, 6, 4]);
  });

  it('moving average is the mean of the last season', () => {
    expect(runMethod({ name: 'moving-average', period: 4 }, [100, 1, 2, 3, 6], 2)).toEqual([3, 3]);
  });

  it('multiplicative Holt-Winters does not apply to a history with zeros', () => {
    expect(runMethod({ name: 'hw-multiplicative', period: 7 }, [0, ...seasonal.slice(1)], 7)).toBeNull();
  });

  it('SES with α near 1 follows the last value; its forecast is flat', () => {
    const fit = fitSmoothing([1, 10, 2, 9, 3, 8, 50], 'none');
    const forecast = forecastSmoothing(fit, 3);
    expect(new Set(forecast).size).toBe(1);
  });

  it('damped trend flattens: each step adds less than the one before', () => {
    const fit = fitSmoothing(line, 'damped');
    const forecast = forecastSmoothing(fit, 4);
    const steps = forecast.slice(1).map((value, index) => value - forecast[index]!);
    expect(steps[0]!).toBeGreaterThan(steps[2]!);
  });

  it('M4 Theta of a straight line is the mean of the last value (SES of 2y − line = y) and the line', () => {
    // last value 128; the line continues 130, 132, 134
    expect(largestDifference(forecastTheta(line, 3)!, [129, 130, 131])).toBeLessThan(0.005);
  });
});
