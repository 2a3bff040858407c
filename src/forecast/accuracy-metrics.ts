/**
 * Point and interval accuracy measures, as defined by the M4 organizers' `Benchmarks and Evaluation.R`.
 */

/** sMAPE in percent: mean of 200·|y − ŷ| / (|y| + |ŷ|); a step where both are 0 counts as 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < actual.length; index++) {
    const y = actual[index]!;
    const f = forecast[index]!;
    const denominator = Math.abs(y) + Math.abs(f);
    sum += denominator === 0 ? 0 : (200 * Math.abs(y - f)) / denominator;
  }
  return sum / actual.length;
}

/** MASE's scale: mean |x(t) − x(t−m)| over the history (in-sample seasonal-naive error); m = 1 for naive. */
export function maseScale(history: readonly number[], period: number): number {
  const lag = Math.max(1, period);
  let sum = 0;
  for (let index = lag; index < history.length; index++)
    sum += Math.abs(history[index]! - history[index - lag]!);
  return history.length > lag ? sum / (history.length - lag) : Number.NaN;
}

/** Mean absolute error. */
export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < actual.length; index++) sum += Math.abs(actual[index]! - forecast[index]!);
  return sum / actual.length;
}

/** MASE: mean absolute error over the horizon divided by {@link maseScale} of the history. */
export function mase(actual: readonly number[], forecast: readonly number[], scale: number): number {
  return meanAbsoluteError(actual, forecast) / scale;
}

/** Share (0–1) of actual values inside [lower, upper], bounds included. */
export function coverage(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number {
  let inside = 0;
  for (let index = 0; index < actual.length; index++) {
    const y = actual[index]!;
    if (y >= lower[index]! && y <= upper[index]!) inside++;
  }
  return inside / actual.length;
}
