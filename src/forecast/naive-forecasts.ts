/** The last value, repeated. */
export function forecastNaive(values: readonly number[], horizon: number): number[] {
  const last = values.at(-1) ?? 0;
  return new Array<number>(horizon).fill(last);
}

/** The value one season earlier: ŷ(n+k) = y(n + k − m·⌈k/m⌉). Needs one full season. */
export function forecastSeasonalNaive(
  values: readonly number[],
  horizon: number,
  period: number,
): number[] | null {
  if (values.length < period) return null;
  const lastSeason = values.slice(values.length - period);
  return Array.from({ length: horizon }, (_, step) => lastSeason[step % period]!);
}

/** The mean of the last `window` values, repeated. */
export function forecastMovingAverage(
  values: readonly number[],
  horizon: number,
  window: number,
): number[] | null {
  if (values.length === 0) return null;
  const recent = values.slice(Math.max(0, values.length - window));
  const mean = recent.reduce((sum, value) => sum + value, 0) / recent.length;
  return new Array<number>(horizon).fill(mean);
}

/** Ordinary least-squares line y = a + b·t through the history (t = 0…n−1). */
export function fitLine(values: readonly number[]): { intercept: number; slope: number } {
  const count = values.length;
  const meanX = (count - 1) / 2;
  let meanY = 0;
  for (const value of values) meanY += value / count;
  let covariance = 0;
  let varianceX = 0;
  for (let index = 0; index < count; index++) {
    covariance += (index - meanX) * (values[index]! - meanY);
    varianceX += (index - meanX) ** 2;
  }
  const slope = varianceX === 0 ? 0 : covariance / varianceX;
  return { intercept: meanY - slope * meanX, slope };
}

/** The least-squares line through the history, extended. */
export function forecastLinearTrend(values: readonly number[], horizon: number): number[] | null {
  if (values.length < 3) return null;
  const { intercept, slope } = fitLine(values);
  return Array.from({ length: horizon }, (_, step) => intercept + slope * (values.length + step));
}
