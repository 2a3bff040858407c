import { probabilityAbove, quantileOfSorted } from './empirical-quantile.ts';

/**
 * A forecast's predictive distribution, calibrated on backtest errors (never a normal-error formula):
 * the value at step k is the point forecast plus an error drawn from what the same method got wrong
 * at step k (and its neighbours) in the rolling-origin backtest.
 */
export interface PredictiveDistribution {
  /** Point forecast per step (step 1 first). */
  readonly points: readonly number[];
  /**
   * Backtest errors (actual − forecast) per origin and step, `errors[origin][step]`, for the steps the
   * backtest covered. Steps beyond that use the last covered step's errors scaled by √(k / covered).
   */
  readonly errors: readonly (readonly number[])[];
  /**
   * Factor (≥ 1) applied to every error: the widening that made the band cover its stated level when
   * each backtest origin was predicted from the others' errors (see `widenToCoverage`).
   */
  readonly errorScale: number;
  /** When true, quantiles are clipped at 0 (spend cannot be negative). */
  readonly isNonNegative: boolean;
}

/** Steps pooled with step k (1-based): k ± max(1, ⌊k/4⌋), so each quantile sees several samples. */
function poolRadius(step: number): number {
  return Math.max(1, Math.floor(step / 4));
}

/** The sorted error samples for 1-based `step`, and the factor that scales them. */
function errorSamples(
  distribution: PredictiveDistribution,
  step: number,
): { sorted: number[]; scale: number } {
  const covered = distribution.errors[0]?.length ?? 0;
  if (covered === 0) return { sorted: [], scale: 1 };
  const used = Math.min(step, covered);
  const radius = poolRadius(used);
  const samples: number[] = [];
  for (const row of distribution.errors) {
    for (let pooled = Math.max(1, used - radius); pooled <= Math.min(covered, used + radius); pooled++) {
      samples.push(row[pooled - 1]!);
    }
  }
  samples.sort((a, b) => a - b);
  const horizonScale = step > covered ? Math.sqrt(step / covered) : 1;
  return { sorted: samples, scale: distribution.errorScale * horizonScale };
}

const clip = (distribution: PredictiveDistribution, value: number): number =>
  distribution.isNonNegative ? Math.max(0, value) : value;

/** The `probability` quantile (0–1) of the value at 1-based `step`; the point forecast without errors. */
export function stepQuantile(
  distribution: PredictiveDistribution,
  step: number,
  probability: number,
): number {
  const point = distribution.points[step - 1]!;
  const { sorted, scale } = errorSamples(distribution, step);
  if (sorted.length === 0) return clip(distribution, point);
  return clip(distribution, point + scale * quantileOfSorted(sorted, probability));
}

/** The central band holding `level` (0–1, e.g. 0.8) of the distribution, per step. */
export function predictionBand(
  distribution: PredictiveDistribution,
  level: number,
): { lower: number[]; upper: number[] } {
  const tail = (1 - level) / 2;
  const steps = distribution.points.map((_, index) => index + 1);
  return {
    lower: steps.map((step) => stepQuantile(distribution, step, tail)),
    upper: steps.map((step) => stepQuantile(distribution, step, 1 - tail)),
  };
}

/**
 * Samples of the total over the first `steps` steps: the point total plus each backtest origin's
 * summed error over the same steps (so errors that persist across steps add up, as they do in real
 * totals). Beyond the backtest's steps, an origin's summed error is scaled by steps / covered
 * (errors assumed persistent: the cautious choice for a budget). Sorted ascending.
 */
export function horizonTotalSamples(distribution: PredictiveDistribution, steps: number): number[] {
  let pointTotal = 0;
  for (let index = 0; index < steps; index++) pointTotal += distribution.points[index]!;
  const covered = distribution.errors[0]?.length ?? 0;
  if (covered === 0) return [clip(distribution, pointTotal)];
  const used = Math.min(steps, covered);
  const scale = (distribution.errorScale * steps) / used;
  return distribution.errors
    .map((row) => {
      let errorTotal = 0;
      for (let index = 0; index < used; index++) errorTotal += row[index]!;
      return clip(distribution, pointTotal + scale * errorTotal);
    })
    .sort((a, b) => a - b);
}

/** The `probability` quantile of the total over the first `steps` steps. */
export function horizonTotalQuantile(
  distribution: PredictiveDistribution,
  steps: number,
  probability: number,
): number {
  return quantileOfSorted(horizonTotalSamples(distribution, steps), probability);
}

/**
 * P(total over the first `steps` steps > threshold): what a budget check needs for its breach
 * probability. Resolution is limited by the number of backtest origins n (1/(n+1)).
 */
export function probabilityTotalAbove(
  distribution: PredictiveDistribution,
  steps: number,
  threshold: number,
): number {
  return probabilityAbove(horizonTotalSamples(distribution, steps), threshold);
}
