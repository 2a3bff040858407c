import { maseScale, smape } from './accuracy-metrics.ts';
import { methodLabel, runMethod, type MethodSpec } from './forecast-methods.ts';
import { predictionBand, type PredictiveDistribution } from './predictive-distribution.ts';
import { backtestMethod, planBacktest, type BacktestPlan } from './rolling-origin-backtest.ts';
import { candidateMethods, rankCandidates } from './select-method.ts';
import { leaveOneOriginOutCoverage, widenToCoverage, type BacktestErrors } from './widen-to-coverage.ts';

export interface ForecastOptions {
  /** Steps (periods) to forecast. */
  readonly horizon: number;
  /** Season lengths in periods, main one first: [24, 168] for hourly data, [7] daily, [] none. */
  readonly periods: readonly number[];
  /** `auto`, or one method (and season length) to use. */
  readonly method: 'auto' | MethodSpec;
  /** Central band level, 0–1 (0.8 for an 80% band). */
  readonly intervalLevel: number;
  /** Clip forecasts and bands at 0 (spend). */
  readonly isNonNegative: boolean;
  /** Most rolling origins to backtest (default 8). */
  readonly maxOrigins?: number;
  /** `auto` averages the forecasts of this many best-ranked methods (default 1: the best alone). */
  readonly combineTop?: number;
}

/** How well the chosen method did on the series' own past (rolling-origin backtest). */
export interface AccuracyCard {
  /** Mean absolute scaled error (scale: in-sample seasonal-naive error of each origin's history). */
  readonly mase: number;
  /** The same for seasonal naive on the same origins: the method beats it when `mase` is lower. */
  readonly maseSeasonalNaive: number | null;
  /** sMAPE in percent (0–200). */
  readonly smape: number;
  /**
   * Share (0–1) of backtest actuals inside the stated band, each origin's band built from the other
   * origins' errors (leave one origin out). Null with fewer than two origins.
   */
  readonly coverage: number | null;
  readonly origins: number;
  /** Steps forecast from each origin. */
  readonly horizon: number;
}

export interface SeriesForecast {
  /** The methods averaged (one unless `combineTop` > 1). */
  readonly methods: readonly MethodSpec[];
  /** `theta:24`, or `mean(theta:24, ses:168)` for a combination. */
  readonly methodLabel: string;
  readonly points: readonly number[];
  /** Band bounds per step; null when there was no backtest to calibrate it on. */
  readonly lower: readonly number[] | null;
  readonly upper: readonly number[] | null;
  readonly distribution: PredictiveDistribution;
  readonly accuracy: AccuracyCard | null;
  /** Every candidate backtested, best first: its backtest MASE (history's scale) and errors. */
  readonly ranking: readonly {
    readonly spec: MethodSpec;
    readonly label: string;
    readonly mase: number;
    readonly backtest: BacktestErrors;
  }[];
}

/** The season lengths a history can support: those it holds at least four times (three to fit, one to test). */
export function usablePeriods(length: number, periods: readonly number[]): number[] {
  return periods.filter((period) => period > 1 && length >= 4 * period);
}

/** Shortest history a backtest fits a model on: three seasons of the main period, at least 8. */
export function minimumTrainLength(periods: readonly number[]): number {
  return Math.max(8, 3 * (periods[0] ?? 1));
}

/**
 * Rolling-origin plan for a series: origins `stride` apart (the main season when it is at most twice
 * the horizon, so origins share the real forecast's phase; else half the horizon), at most
 * `maxOrigins`, the last ending at the end of the history.
 */
export function backtestPlanFor(length: number, options: ForecastOptions): BacktestPlan | null {
  const main = options.periods[0] ?? 1;
  const stride = main > 1 && main <= 2 * options.horizon ? main : Math.max(1, Math.ceil(options.horizon / 2));
  return planBacktest(length, {
    horizon: options.horizon,
    stride,
    maxOrigins: options.maxOrigins ?? 8,
    minTrainLength: minimumTrainLength(options.periods),
  });
}

const meanOfFinite = (list: readonly number[]): number => {
  const finite = list.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
};

/** Mean MASE and sMAPE over the origins of a backtest. */
function backtestAccuracy(
  values: readonly number[],
  backtest: BacktestErrors,
  plan: BacktestPlan,
  period: number,
) {
  const mases: number[] = [];
  const smapes: number[] = [];
  plan.origins.forEach((origin, index) => {
    const forecast = backtest.forecasts[index]!;
    const actual = values.slice(origin, origin + plan.horizon);
    const scale = maseScale(values.slice(0, origin), period);
    let absolute = 0;
    for (const error of backtest.errors[index]!) absolute += Math.abs(error);
    mases.push(scale > 0 ? absolute / actual.length / scale : Number.NaN);
    smapes.push(smape(actual, forecast));
  });
  return { mase: meanOfFinite(mases), smape: meanOfFinite(smapes) };
}

/** The step-wise mean of several forecasts. */
function averageForecasts(forecasts: readonly (readonly number[])[]): number[] {
  return forecasts[0]!.map(
    (_, step) => forecasts.reduce((sum, forecast) => sum + forecast[step]!, 0) / forecasts.length,
  );
}

/** The backtest of the mean of several methods (their forecasts averaged at each origin). */
function combineBacktests(
  values: readonly number[],
  plan: BacktestPlan,
  members: readonly BacktestErrors[],
): BacktestErrors {
  const forecasts = plan.origins.map((_, index) =>
    averageForecasts(members.map((member) => member.forecasts[index]!)),
  );
  return {
    forecasts,
    errors: forecasts.map((forecast, index) =>
      forecast.map((value, step) => values[plan.origins[index]! + step]! - value),
    ),
  };
}

/**
 * The backtest of the selection procedure itself: at each origin, the forecast of the method(s) that
 * `auto` would have picked from the other origins' errors. Its errors include the cost of picking
 * (a method that was lucky on the backtest looks worse here), so bands built on them do not inherit
 * the optimism of the winner's own errors.
 */
function selectionBacktest(
  values: readonly number[],
  plan: BacktestPlan,
  candidates: readonly BacktestErrors[],
  combineTop: number,
): BacktestErrors {
  const origins = plan.origins.length;
  const absoluteByOrigin = candidates.map((candidate) =>
    candidate.errors.map((row) => row.reduce((sum, error) => sum + Math.abs(error), 0)),
  );
  const forecasts = plan.origins.map((_, held) => {
    const scores = absoluteByOrigin.map((perOrigin) =>
      origins < 2 ? 0 : perOrigin.reduce((sum, value, origin) => (origin === held ? sum : sum + value), 0),
    );
    const order = scores.map((_, index) => index).sort((a, b) => scores[a]! - scores[b]! || a - b);
    return averageForecasts(order.slice(0, combineTop).map((index) => candidates[index]!.forecasts[held]!));
  });
  return {
    forecasts,
    errors: forecasts.map((forecast, index) =>
      forecast.map((value, step) => values[plan.origins[index]! + step]! - value),
    ),
  };
}

const clipAll = (values: readonly number[], isNonNegative: boolean) =>
  isNonNegative ? values.map((value) => Math.max(0, value)) : [...values];

/**
 * Forecasts a series `horizon` steps ahead. With `auto`, every candidate method is backtested on the
 * series' own history (rolling origins, see {@link backtestPlanFor}) and the one with the lowest mean
 * absolute error wins (or the mean of the `combineTop` best). The band and the total's distribution
 * come from the chosen forecast's backtest errors, widened until a leave-one-origin-out band covers
 * the stated level. A history too short for any backtest falls back to seasonal naive (or naive)
 * with no band.
 */
export function forecastSeries(values: readonly number[], requested: ForecastOptions): SeriesForecast {
  const options = { ...requested, periods: usablePeriods(values.length, requested.periods) };
  const plan = backtestPlanFor(values.length, options);
  const main = options.periods[0] ?? 1;
  const candidates = options.method === 'auto' ? candidateMethods(options.periods) : [options.method];
  const ranked = plan === null ? [] : rankCandidates(values, candidates, plan);
  const scaleOfHistory = maseScale(values, main);
  const ranking = ranked.map((candidate) => ({
    spec: candidate.result.spec,
    label: methodLabel(candidate.result.spec),
    mase: candidate.meanAbsoluteError / scaleOfHistory,
    backtest: candidate.result,
  }));

  const finals = ranking
    .slice(0, options.method === 'auto' ? Math.max(1, options.combineTop ?? 1) : 1)
    .map((member) => ({ member, points: runMethod(member.spec, values, options.horizon) }))
    .filter(
      (entry): entry is { member: (typeof ranking)[number]; points: number[] } => entry.points !== null,
    );
  if (plan === null || finals.length === 0) {
    const fallback: MethodSpec =
      options.method === 'auto'
        ? { name: 'seasonal-naive', period: values.length >= main ? main : 1 }
        : options.method;
    const points = clipAll(
      runMethod(fallback, values, options.horizon) ??
        runMethod({ name: 'naive', period: 1 }, values, options.horizon) ??
        [],
      options.isNonNegative,
    );
    return {
      methods: [fallback],
      methodLabel: methodLabel(fallback),
      points,
      lower: null,
      upper: null,
      distribution: { points, errors: [], errorScale: 1, isNonNegative: options.isNonNegative },
      accuracy: null,
      ranking,
    };
  }

  const methods = finals.map((entry) => entry.member.spec);
  const backtest =
    finals.length === 1
      ? finals[0]!.member.backtest
      : combineBacktests(
          values,
          plan,
          finals.map((entry) => entry.member.backtest),
        );
  const points = clipAll(averageForecasts(finals.map((entry) => entry.points)), options.isNonNegative);
  const calibration =
    options.method === 'auto' && ranking.length > 1
      ? selectionBacktest(
          values,
          plan,
          ranking.map((entry) => entry.backtest),
          Math.max(1, options.combineTop ?? 1),
        )
      : backtest;
  const errorScale = widenToCoverage(calibration, options.intervalLevel);
  const distribution: PredictiveDistribution = {
    points,
    errors: calibration.errors,
    errorScale,
    isNonNegative: options.isNonNegative,
  };
  const band = predictionBand(distribution, options.intervalLevel);
  const chosen = backtestAccuracy(values, calibration, plan, main);
  const naive = backtestMethod(values, { name: 'seasonal-naive', period: main }, plan);
  return {
    methods,
    methodLabel:
      methods.length === 1 ? methodLabel(methods[0]!) : `mean(${methods.map(methodLabel).join(', ')})`,
    points,
    lower: band.lower,
    upper: band.upper,
    distribution,
    accuracy: {
      mase: chosen.mase,
      maseSeasonalNaive: naive === null ? null : backtestAccuracy(values, naive, plan, main).mase,
      smape: chosen.smape,
      coverage: leaveOneOriginOutCoverage(calibration, options.intervalLevel, errorScale),
      origins: plan.origins.length,
      horizon: plan.horizon,
    },
    ranking,
  };
}
