import { minimizeNelderMead, toBounded, toUnbounded } from './nelder-mead.ts';

/** Trend of a non-seasonal exponential smoothing model: none (SES), linear (Holt) or damped. */
export type SmoothingTrend = 'none' | 'linear' | 'damped';

/** Smoothing parameters and final states of a fitted model. */
export interface SmoothingFit {
  readonly alpha: number;
  /** Trend smoothing (0 without trend); `beta ≤ alpha` as in Hyndman et al.'s admissible region. */
  readonly beta: number;
  /** Damping (1 for a linear trend, 0 without trend). */
  readonly phi: number;
  readonly level: number;
  readonly trend: number;
  /** Sum of squared one-step-ahead errors over the history. */
  readonly sse: number;
}

const PHI_LOW = 0.8;
const PHI_HIGH = 0.98;

/** Runs the recursions and returns the SSE and final states (additive errors). */
function runSmoothing(
  values: readonly number[],
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
): { sse: number; level: number; trend: number } {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (const value of values) {
    const predicted = level + phi * trend;
    const error = value - predicted;
    sse += error * error;
    level = predicted + alpha * error;
    trend = phi * trend + beta * error;
  }
  return { sse, level, trend };
}

/** Least-squares line through the first few values: the initial level and trend of Holt's method. */
function initialLevelAndTrend(values: readonly number[]): { level: number; trend: number } {
  const count = Math.min(values.length, 10);
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    sumX += index;
    sumY += value;
    sumXY += index * value;
    sumXX += index * index;
  }
  const denominator = count * sumXX - sumX * sumX;
  const slope = denominator === 0 ? 0 : (count * sumXY - sumX * sumY) / denominator;
  const intercept = (sumY - slope * sumX) / count;
  // The level before the first observation, so the first prediction is intercept.
  return { level: intercept - slope, trend: slope };
}

/**
 * Fits simple (trend `none`), Holt (`linear`) or damped-trend (`damped`) exponential smoothing by
 * minimizing the in-sample sum of squared one-step errors with Nelder–Mead: α ∈ (0, 1), β ∈ (0, α),
 * φ ∈ (0.8, 0.98). SES also fits its initial level; the trend models start from a line through the
 * first ten values.
 */
export function fitSmoothing(values: readonly number[], trendKind: SmoothingTrend): SmoothingFit {
  const first = values[0] ?? 0;
  if (trendKind === 'none') {
    const scale = Math.max(meanAbsolute(values), 1e-9);
    const { point } = minimizeNelderMead(
      ([a = 0, l = 0]) => runSmoothing(values, toBounded(a, 1e-4, 0.9999), 0, 0, first + l * scale, 0).sse,
      [toUnbounded(0.3, 1e-4, 0.9999), 0],
      { maxEvaluations: 300 },
    );
    const alpha = toBounded(point[0]!, 1e-4, 0.9999);
    const level0 = first + point[1]! * scale;
    return { alpha, beta: 0, phi: 0, ...runSmoothing(values, alpha, 0, 0, level0, 0) };
  }
  const start = initialLevelAndTrend(values);
  const isDamped = trendKind === 'damped';
  const decode = (point: readonly number[]): { alpha: number; beta: number; phi: number } => {
    const alpha = toBounded(point[0]!, 1e-4, 0.9999);
    const beta = alpha * toBounded(point[1]!, 1e-4, 0.9999);
    const phi = isDamped ? toBounded(point[2]!, PHI_LOW, PHI_HIGH) : 1;
    return { alpha, beta, phi };
  };
  const initial = [toUnbounded(0.3, 1e-4, 0.9999), toUnbounded(0.1, 1e-4, 0.9999)];
  if (isDamped) initial.push(toUnbounded(0.9, PHI_LOW, PHI_HIGH));
  const { point } = minimizeNelderMead(
    (candidate) => {
      const { alpha, beta, phi } = decode(candidate);
      return runSmoothing(values, alpha, beta, phi, start.level, start.trend).sse;
    },
    initial,
    { maxEvaluations: 400 },
  );
  const { alpha, beta, phi } = decode(point);
  return { alpha, beta, phi, ...runSmoothing(values, alpha, beta, phi, start.level, start.trend) };
}

/** Point forecasts of a fitted smoothing model: level + (φ + φ² + … + φʰ) · trend. */
export function forecastSmoothing(fit: SmoothingFit, horizon: number): number[] {
  const forecasts: number[] = [];
  let dampedSum = 0;
  let power = 1;
  for (let step = 1; step <= horizon; step++) {
    power *= fit.phi;
    dampedSum += fit.phi === 1 ? 1 : power;
    forecasts.push(fit.level + dampedSum * fit.trend);
  }
  return forecasts;
}

function meanAbsolute(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += Math.abs(value);
  return values.length === 0 ? 0 : sum / values.length;
}
