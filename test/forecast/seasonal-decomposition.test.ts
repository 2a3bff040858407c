import { describe, expect, it } from 'vitest';
import {
  autocorrelations,
  deseasonalize,
  isSeasonal,
  reseasonalize,
  seasonalIndices,
} from '../../src/forecast/seasonal-decomposition.ts';

const pattern = [2, 4, 6, 4];
const seasonal = Array.from({ length: 40 }, (_, index) => pattern[index % 4]! * (1 + index / 100));

describe('classical decomposition and the 90% seasonality test', () => {
  it('autocorrelation of an alternating series is −1 at lag 1 (as R acf, n·variance denominator)', () => {
    const values = [1, -1, 1, -1];
    // Σ (x_t − 0)(x_{t−1} − 0) = −3, n·variance = 4
    expect(autocorrelations(values, 1)[0]).toBeCloseTo(-0.75, 12);
  });

  it('finds the season of a seasonal series and not of white-looking noise', () => {
    expect(isSeasonal(seasonal, 4)).toBe(true);
    const noise = Array.from({ length: 40 }, (_, index) => {
      const hash = Math.sin((index + 1) * 12.9898) * 43758.5453;
      return hash - Math.floor(hash);
    });
    expect(isSeasonal(noise, 4)).toBe(false);
  });

  it('needs three full seasons', () => {
    expect(isSeasonal(seasonal.slice(0, 11), 4)).toBe(false);
  });

  it('multiplicative indices average 1 and recover the pattern ratios', () => {
    const season = seasonalIndices(seasonal, 4, 'multiplicative')!;
    expect(season.indices.reduce((sum, value) => sum + value, 0) / 4).toBeCloseTo(1, 12);
    expect(season.indices[2]! / season.indices[0]!).toBeCloseTo(3, 1);
  });

  it('additive indices average 0; deseasonalize then reseasonalize is the identity', () => {
    const values = Array.from({ length: 12 }, (_, index) => pattern[index % 4]! + index);
    const season = seasonalIndices(values, 4, 'additive')!;
    expect(season.indices.reduce((sum, value) => sum + value, 0)).toBeCloseTo(0, 12);
    const adjusted = deseasonalize(values, season);
    const back = reseasonalize(adjusted.slice(8), season, 8);
    back.forEach((value, index) => {
      expect(value).toBeCloseTo(values[8 + index]!, 12);
    });
  });
});
