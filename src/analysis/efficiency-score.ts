/**
 * The efficiency score of `llmcost report providers`, 0 (worst) to 100 (best), as the README states it:
 *
 *   priceScore = 50 × (1 + clamp(log10(median / unitCost), −1, 1))
 *   score      = round(priceScore × (1 − errorShare))
 *
 * `unitCost` is the row's cost per 1K output tokens and `median` the median of that figure over the
 * rows compared. A row at the median scores 50 on price, one ten times cheaper (or more) 100, one ten
 * times dearer (or more) 0: a log scale, because model prices span orders of magnitude. The error
 * share (failed requests / requests) then takes its fraction off: failed requests cost money and
 * deliver nothing.
 */
export function efficiencyScore(unitCost: number, median: number, errorShare: number): number {
  const priceScore =
    unitCost === 0 ? 100 : median === 0 ? 0 : 50 * (1 + clamp(Math.log10(median / unitCost), -1, 1));
  return Math.round(priceScore * (1 - clamp(errorShare, 0, 1)));
}

/** The median of the values (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
