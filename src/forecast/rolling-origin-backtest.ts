import { runMethod, type MethodSpec } from './forecast-methods.ts';

/**
 * A rolling-origin backtest plan: forecast `horizon` steps from each origin (a history length), and
 * compare with what happened. Origins end `horizon` steps before the end of the history and step back
 * by `stride`, newest first.
 */
export interface BacktestPlan {
  readonly horizon: number;
  /** History lengths at which forecasts are made, newest first. */
  readonly origins: readonly number[];
}

export interface BacktestOptions {
  /** Steps to forecast from each origin (the requested horizon, capped by what the history allows). */
  readonly horizon: number;
  /** Distance between origins; a season length keeps every origin at the same phase as the real forecast. */
  readonly stride: number;
  readonly maxOrigins: number;
  /** Shortest history a model is fitted on. */
  readonly minTrainLength: number;
}

/**
 * Plans origins n−h, n−h−stride, … (at most `maxOrigins`, none shorter than `minTrainLength`). When
 * the history cannot hold `minTrainLength + horizon`, the horizon shrinks down to 1; null when even
 * that does not fit.
 */
export function planBacktest(length: number, options: BacktestOptions): BacktestPlan | null {
  const horizon = Math.min(options.horizon, length - options.minTrainLength);
  if (horizon < 1) return null;
  const origins: number[] = [];
  for (
    let origin = length - horizon;
    origin >= options.minTrainLength && origins.length < options.maxOrigins;
    origin -= options.stride
  ) {
    origins.push(origin);
  }
  return origins.length === 0 ? null : { horizon, origins };
}

/** One method's backtest: forecasts and errors (actual − forecast) per origin and step. */
export interface BacktestResult {
  readonly spec: MethodSpec;
  readonly forecasts: readonly (readonly number[])[];
  readonly errors: readonly (readonly number[])[];
}

/** Runs a method at every origin of the plan; null when it does not apply at one of them. */
export function backtestMethod(
  values: readonly number[],
  spec: MethodSpec,
  plan: BacktestPlan,
): BacktestResult | null {
  const forecasts: number[][] = [];
  const errors: number[][] = [];
  for (const origin of plan.origins) {
    const forecast = runMethod(spec, values.slice(0, origin), plan.horizon);
    if (forecast === null || forecast.some((value) => !Number.isFinite(value))) return null;
    forecasts.push(forecast);
    errors.push(forecast.map((value, step) => values[origin + step]! - value));
  }
  return { spec, forecasts, errors };
}
