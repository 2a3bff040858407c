import { METHOD_NAMES, type MethodName, type MethodSpec } from './forecast-methods.ts';
import { backtestMethod, type BacktestPlan, type BacktestResult } from './rolling-origin-backtest.ts';

/** Methods `auto` tries for each season length, and those it tries once (no season). */
const SEASONAL_CANDIDATES: readonly MethodName[] = [
  'seasonal-naive',
  'ses',
  'damped',
  'theta',
  'hw-additive',
  'hw-multiplicative',
  'combo',
];
const PLAIN_CANDIDATES: readonly MethodName[] = ['naive', 'moving-average', 'linear-trend', 'holt'];

/**
 * The methods `auto` compares: the non-seasonal ones once (with the first season length for their
 * seasonal adjustment) and the seasonal ones for each season length (e.g. 24 and 168 for hourly data).
 */
export function candidateMethods(periods: readonly number[]): MethodSpec[] {
  const primary = periods[0] ?? 1;
  const seasonal = periods.length === 0 ? [1] : periods;
  const specs: MethodSpec[] = PLAIN_CANDIDATES.map((name) => ({
    name,
    period: name === 'naive' ? 1 : primary,
  }));
  for (const period of seasonal) {
    for (const name of SEASONAL_CANDIDATES) {
      if (
        period === 1 &&
        (name === 'hw-additive' || name === 'hw-multiplicative' || name === 'seasonal-naive')
      )
        continue;
      specs.push({ name, period });
    }
  }
  return specs.sort(
    (a, b) => METHOD_NAMES.indexOf(a.name) - METHOD_NAMES.indexOf(b.name) || a.period - b.period,
  );
}

/** A candidate's backtest and its score: mean absolute error over every origin and step. */
export interface ScoredCandidate {
  readonly result: BacktestResult;
  readonly meanAbsoluteError: number;
}

/**
 * Backtests every candidate on the plan and ranks them by mean absolute error over all origins and
 * steps (equivalently MASE, the scale being the series'); ties keep the candidates' order. Candidates
 * that do not apply to this history are left out.
 */
export function rankCandidates(
  values: readonly number[],
  candidates: readonly MethodSpec[],
  plan: BacktestPlan,
): ScoredCandidate[] {
  const scored: ScoredCandidate[] = [];
  for (const spec of candidates) {
    const result = backtestMethod(values, spec, plan);
    if (result === null) continue;
    let total = 0;
    let count = 0;
    for (const row of result.errors) {
      for (const error of row) total += Math.abs(error);
      count += row.length;
    }
    scored.push({ result, meanAbsoluteError: total / count });
  }
  return scored.sort((a, b) => a.meanAbsoluteError - b.meanAbsoluteError);
}
