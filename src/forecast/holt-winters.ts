import { minimizeNelderMead, toBounded, toUnbounded } from './nelder-mead.ts';
import { deseasonalize, seasonalIndices, type SeasonalIndices } from './seasonal-decomposition.ts';

/** Options of a Holt-Winters model. */
export interface HoltWintersSpec {
  readonly period: number;
  readonly seasonality: SeasonalIndices['kind'];
  readonly isDamped: boolean;
}

interface Parameters {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

interface States {
  level: number;
  trend: number;
  /** `seasonal[t mod period]` holds the latest seasonal state for that position. */
  readonly seasonal: number[];
}

/**
 * Runs Holt-Winters in error-correction form (ETS(A,Ad,A) or ETS(A,Ad,M) recursions) and returns
 * the sum of squared one-step errors; `states` is updated to the end of the history.
 */
function runHoltWinters(
  values: readonly number[],
  spec: HoltWintersSpec,
  p: Parameters,
  states: States,
): number {
  const { period } = spec;
  const isMultiplicative = spec.seasonality === 'multiplicative';
  let { level, trend } = states;
  const { seasonal } = states;
  let sse = 0;
  for (let index = 0; index < values.length; index++) {
    const position = index % period;
    const season = seasonal[position]!;
    const base = level + p.phi * trend;
    const predicted = isMultiplicative ? base * season : base + season;
    const error = values[index]! - predicted;
    sse += error * error;
    if (isMultiplicative) {
      level = base + (p.alpha * error) / season;
      trend = p.phi * trend + (p.beta * error) / season;
      seasonal[position] = season + (p.gamma * error) / base;
    } else {
      level = base + p.alpha * error;
      trend = p.phi * trend + p.beta * error;
      seasonal[position] = season + p.gamma * error;
    }
  }
  states.level = level;
  states.trend = trend;
  return sse;
}

/** Initial states: seasonal indices of the classical decomposition, level and trend from a line. */
function initialStates(values: readonly number[], spec: HoltWintersSpec): States | null {
  const season = seasonalIndices(values, spec.period, spec.seasonality);
  if (season === null) return null;
  const adjusted = deseasonalize(values.slice(0, 2 * spec.period), season);
  const half = spec.period;
  const firstMean = adjusted.slice(0, half).reduce((sum, value) => sum + value, 0) / half;
  const secondMean = adjusted.slice(half, 2 * half).reduce((sum, value) => sum + value, 0) / half;
  const trend = (secondMean - firstMean) / spec.period;
  return { level: firstMean - trend * ((spec.period + 1) / 2), trend, seasonal: [...season.indices] };
}

/** A fitted Holt-Winters model's forecasts, or null when the history is too short or not positive. */
export function forecastHoltWinters(
  values: readonly number[],
  horizon: number,
  spec: HoltWintersSpec,
): number[] | null {
  if (values.length < 2 * spec.period + 2) return null;
  if (spec.seasonality === 'multiplicative' && values.some((value) => !(value > 0))) return null;
  const start = initialStates(values, spec);
  if (start === null) return null;
  const decode = (point: readonly number[]): Parameters => {
    const alpha = toBounded(point[0]!, 1e-4, 0.9999);
    return {
      alpha,
      beta: alpha * toBounded(point[1]!, 1e-4, 0.9999),
      gamma: (1 - alpha) * toBounded(point[2]!, 1e-4, 0.9999),
      phi: spec.isDamped ? toBounded(point[3]!, 0.8, 0.98) : 1,
    };
  };
  const copy = (): States => ({ ...start, seasonal: [...start.seasonal] });
  const initial = [
    toUnbounded(0.2, 1e-4, 0.9999),
    toUnbounded(0.05, 1e-4, 0.9999),
    toUnbounded(0.1, 1e-4, 0.9999),
  ];
  if (spec.isDamped) initial.push(toUnbounded(0.9, 0.8, 0.98));
  const { point } = minimizeNelderMead(
    (candidate) => runHoltWinters(values, spec, decode(candidate), copy()),
    initial,
    {
      maxEvaluations: 300,
    },
  );
  const parameters = decode(point);
  const states = copy();
  runHoltWinters(values, spec, parameters, states);
  const forecasts: number[] = [];
  let dampedSum = 0;
  let power = 1;
  for (let step = 1; step <= horizon; step++) {
    power *= parameters.phi;
    dampedSum += power;
    const base = states.level + dampedSum * states.trend;
    const season = states.seasonal[(values.length + step - 1) % spec.period]!;
    forecasts.push(spec.seasonality === 'multiplicative' ? base * season : base + season);
  }
  return forecasts;
}
