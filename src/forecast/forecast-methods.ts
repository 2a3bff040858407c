import { fitSmoothing, forecastSmoothing } from './exponential-smoothing.ts';
import { forecastHoltWinters } from './holt-winters.ts';
import {
  forecastLinearTrend,
  forecastMovingAverage,
  forecastNaive,
  forecastSeasonalNaive,
} from './naive-forecasts.ts';
import { deseasonalize, isSeasonal, reseasonalize, seasonalIndices } from './seasonal-decomposition.ts';
import { forecastTheta } from './theta-forecast.ts';

/** The forecasting methods, by the name users pass to `--method`. */
export const METHOD_NAMES = [
  'naive',
  'seasonal-naive',
  'naive2',
  'moving-average',
  'linear-trend',
  'ses',
  'holt',
  'damped',
  'hw-additive',
  'hw-multiplicative',
  'theta',
  'combo',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** A method and the season length it uses (1: none). */
export interface MethodSpec {
  readonly name: MethodName;
  readonly period: number;
}

/** What each method does, for help text and the accuracy card. */
export const METHOD_DESCRIPTIONS: Readonly<Record<MethodName, string>> = {
  naive: 'last value repeated',
  'seasonal-naive': 'value one season earlier',
  naive2: 'last value of the seasonally adjusted series, reseasonalized',
  'moving-average': 'mean of the last season (or last 7 periods without a season)',
  'linear-trend': 'least-squares line through the (seasonally adjusted) history',
  ses: 'simple exponential smoothing of the seasonally adjusted series',
  holt: "Holt's linear trend of the seasonally adjusted series",
  damped: 'damped-trend exponential smoothing of the seasonally adjusted series',
  'hw-additive': 'additive Holt-Winters (damped trend)',
  'hw-multiplicative': 'multiplicative Holt-Winters (damped trend)',
  theta: 'standard Theta (M4) of the seasonally adjusted series',
  combo: 'median of ses, damped, theta and additive Holt-Winters forecasts',
};

/**
 * Runs a non-seasonal forecaster on the seasonally adjusted history when the history is seasonal at
 * `period` by the 90% ACF test (multiplicative decomposition for positive data, else additive), and
 * puts the season back; as the M4 benchmarks do.
 */
function withSeasonalAdjustment(
  values: readonly number[],
  horizon: number,
  period: number,
  forecaster: (adjusted: readonly number[]) => number[] | null,
): number[] | null {
  if (period <= 1 || !isSeasonal(values, period)) return forecaster(values);
  const kind = values.every((value) => value > 0) ? 'multiplicative' : 'additive';
  const season = seasonalIndices(values, period, kind);
  if (season === null) return forecaster(values);
  const forecasts = forecaster(deseasonalize(values, season));
  return forecasts === null ? null : reseasonalize(forecasts.slice(0, horizon), season, values.length);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Point forecasts of one method for the `horizon` periods after `values`, or null when the method
 * does not apply (history too short for its season, or not positive for a multiplicative model).
 */
export function runMethod(spec: MethodSpec, values: readonly number[], horizon: number): number[] | null {
  const { period } = spec;
  if (values.length === 0) return null;
  switch (spec.name) {
    case 'naive':
      return forecastNaive(values, horizon);
    case 'seasonal-naive':
      return period > 1 ? forecastSeasonalNaive(values, horizon, period) : forecastNaive(values, horizon);
    case 'naive2':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) => forecastNaive(adjusted, horizon));
    case 'moving-average':
      return forecastMovingAverage(values, horizon, period > 1 ? period : 7);
    case 'linear-trend':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) =>
        forecastLinearTrend(adjusted, horizon),
      );
    case 'ses':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) =>
        forecastSmoothing(fitSmoothing(adjusted, 'none'), horizon),
      );
    case 'holt':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) =>
        adjusted.length < 4 ? null : forecastSmoothing(fitSmoothing(adjusted, 'linear'), horizon),
      );
    case 'damped':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) =>
        adjusted.length < 4 ? null : forecastSmoothing(fitSmoothing(adjusted, 'damped'), horizon),
      );
    case 'hw-additive':
      return period > 1
        ? forecastHoltWinters(values, horizon, { period, seasonality: 'additive', isDamped: true })
        : null;
    case 'hw-multiplicative':
      return period > 1
        ? forecastHoltWinters(values, horizon, { period, seasonality: 'multiplicative', isDamped: true })
        : null;
    case 'theta':
      return withSeasonalAdjustment(values, horizon, period, (adjusted) => forecastTheta(adjusted, horizon));
    case 'combo': {
      const members = (['ses', 'damped', 'theta', 'hw-additive'] as const)
        .map((name) => runMethod({ name, period }, values, horizon))
        .filter((forecast): forecast is number[] => forecast !== null);
      if (members.length === 0) return null;
      return Array.from({ length: horizon }, (_, step) => median(members.map((forecast) => forecast[step]!)));
    }
    default:
      return spec.name satisfies never;
  }
}

/** `theta:168`-style label: the name, plus the season length when the method uses one. */
export function methodLabel(spec: MethodSpec): string {
  return spec.period > 1 && spec.name !== 'naive' ? `${spec.name}:${spec.period}` : spec.name;
}
