/**
 * Classical seasonal decomposition (as R's `decompose`) and the seasonality test of the M4
 * competition's benchmarks.
 */

/** Sample autocorrelation at lags 1..maxLag (denominator: n·variance, as R's `acf`). */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const count = values.length;
  let mean = 0;
  for (const value of values) mean += value / count;
  let variance = 0;
  for (const value of values) variance += (value - mean) ** 2;
  const result: number[] = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    let sum = 0;
    for (let index = lag; index < count; index++)
      sum += (values[index]! - mean) * (values[index - lag]! - mean);
    result.push(variance === 0 ? 0 : sum / variance);
  }
  return result;
}

/**
 * The M4 benchmarks' 90% seasonality test: seasonal when |acf(m)| exceeds
 * 1.645 · √((1 + 2 Σ_{k<m} acf(k)²) / n), and only with at least three full seasons.
 */
export function isSeasonal(values: readonly number[], period: number): boolean {
  if (period <= 1 || values.length < 3 * period) return false;
  const acf = autocorrelations(values, period);
  let sumSquares = 0;
  for (let lag = 0; lag < period - 1; lag++) sumSquares += acf[lag]! ** 2;
  const limit = (1.645 / Math.sqrt(values.length)) * Math.sqrt(1 + 2 * sumSquares);
  return Math.abs(acf[period - 1]!) > limit;
}

/** Seasonal indices per position in the season (position = index mod period). */
export interface SeasonalIndices {
  readonly kind: 'multiplicative' | 'additive';
  readonly period: number;
  /** `indices[t mod period]`: a factor (mean 1) or an offset (mean 0). */
  readonly indices: readonly number[];
}

/**
 * Classical decomposition's seasonal indices: a centred moving average of order `period` as the
 * trend (weights ½,1,…,1,½ for even periods), the ratios (or differences) to it averaged per
 * position, normalized to mean 1 (or 0). Multiplicative needs positive values; null when the history
 * has fewer than two full seasons.
 */
export function seasonalIndices(
  values: readonly number[],
  period: number,
  kind: SeasonalIndices['kind'],
): SeasonalIndices | null {
  const count = values.length;
  if (period < 2 || count < 2 * period) return null;
  const half = Math.floor(period / 2);
  const isEven = period % 2 === 0;
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let index = half; index < count - half; index++) {
    let total = 0;
    if (isEven) {
      total += 0.5 * values[index - half]! + 0.5 * values[index + half]!;
      for (let offset = -half + 1; offset < half; offset++) total += values[index + offset]!;
    } else {
      for (let offset = -half; offset <= half; offset++) total += values[index + offset]!;
    }
    const trend = total / period;
    const detrended = kind === 'multiplicative' ? values[index]! / trend : values[index]! - trend;
    if (!Number.isFinite(detrended)) return null;
    sums[index % period]! += detrended;
    counts[index % period]!++;
  }
  const raw = sums.map((sum, position) => sum / counts[position]!);
  const mean = raw.reduce((total, value) => total + value, 0) / period;
  const indices =
    kind === 'multiplicative' ? raw.map((value) => value / mean) : raw.map((value) => value - mean);
  if (kind === 'multiplicative' && indices.some((value) => !(value > 0))) return null;
  return { kind, period, indices };
}

/** The history with the seasonal pattern removed. */
export function deseasonalize(values: readonly number[], season: SeasonalIndices): number[] {
  return values.map((value, index) => {
    const factor = season.indices[index % season.period]!;
    return season.kind === 'multiplicative' ? value / factor : value - factor;
  });
}

/** Puts the seasonal pattern back on forecasts that start right after a history of `historyLength`. */
export function reseasonalize(
  forecasts: readonly number[],
  season: SeasonalIndices,
  historyLength: number,
): number[] {
  return forecasts.map((value, step) => {
    const factor = season.indices[(historyLength + step) % season.period]!;
    return season.kind === 'multiplicative' ? value * factor : value + factor;
  });
}
