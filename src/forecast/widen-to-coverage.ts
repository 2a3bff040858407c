import { predictionBand } from './predictive-distribution.ts';

/** A method's backtest, as the band calibration sees it. */
export interface BacktestErrors {
  /** Forecasts per origin and step. */
  readonly forecasts: readonly (readonly number[])[];
  /** Actual − forecast per origin and step. */
  readonly errors: readonly (readonly number[])[];
}

/**
 * For each backtest origin held out and each step: the smallest factor on the other origins' errors
 * for which the `level` band (built from those errors) holds the held-out actual. Infinity when no
 * factor does (the actual lies on the wrong side of the point forecast for every error seen).
 */
function neededScales(backtest: BacktestErrors, level: number): number[] {
  const origins = backtest.errors.length;
  const needed: number[] = [];
  for (let held = 0; held < origins; held++) {
    const points = backtest.forecasts[held]!;
    const zero = points.map(() => 0);
    // Bands around 0 are the raw error quantiles; the held-out error is compared with them.
    const band = predictionBand(
      {
        points: zero,
        errors: backtest.errors.filter((_, other) => other !== held),
        errorScale: 1,
        isNonNegative: false,
      },
      level,
    );
    backtest.errors[held]!.forEach((error, step) => {
      const low = band.lower[step]!;
      const high = band.upper[step]!;
      if (error > 0) needed.push(high > 0 ? error / high : Infinity);
      else if (error < 0) needed.push(low < 0 ? error / low : Infinity);
      else needed.push(0);
    });
  }
  return needed;
}

/**
 * Share (0–1) of backtest actuals inside the `level` band when each origin's band is built from the
 * other origins' errors (leave one origin out) scaled by `errorScale`. Null with fewer than 2 origins.
 */
export function leaveOneOriginOutCoverage(
  backtest: BacktestErrors,
  level: number,
  errorScale: number,
): number | null {
  if (backtest.errors.length < 2) return null;
  const needed = neededScales(backtest, level);
  return needed.filter((scale) => scale <= errorScale).length / needed.length;
}

const MAX_SCALE = 4;

/**
 * The smallest factor ≥ 1 (at most 4) by which the backtest errors must be scaled for the
 * leave-one-origin-out band to cover `level`. A handful of origins underestimates the spread of
 * errors (the extreme quantiles of a small sample are too narrow, and the method was picked for
 * having small errors there); this widens the band by exactly what the backtest itself shows.
 * 1 with fewer than two origins.
 */
export function widenToCoverage(backtest: BacktestErrors, level: number): number {
  if (backtest.errors.length < 2) return 1;
  const needed = neededScales(backtest, level).sort((a, b) => a - b);
  const index = Math.min(needed.length - 1, Math.ceil(level * needed.length) - 1);
  return Math.min(MAX_SCALE, Math.max(1, needed[index]!));
}
