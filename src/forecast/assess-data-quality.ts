import { minimumTrainLength } from './forecast-series.ts';

/** A note about the history that limits how far a forecast can be trusted. */
export type DataQualityNote =
  | {
      readonly kind: 'short-history';
      readonly periods: number;
      /** Periods needed for a backtest at all (three seasons + one step). */
      readonly neededForBand: number;
      /** Periods needed to backtest the whole horizon from several origins. */
      readonly neededForFullBacktest: number;
    }
  | { readonly kind: 'gaps'; readonly emptyPeriods: number; readonly longestRun: number }
  | {
      readonly kind: 'level-shift';
      /** Periods at the end whose mean differs from the ones before. */
      readonly recentPeriods: number;
      readonly recentMean: number;
      readonly previousMean: number;
    };

export interface DataQualityInput {
  readonly values: readonly number[];
  /** Which periods had no usage at all (filled with 0). */
  readonly isEmpty: readonly boolean[];
  readonly periods: readonly number[];
  readonly horizon: number;
  /** Origins a full backtest wants (the forecaster's maxOrigins). */
  readonly origins: number;
}

/**
 * Notes on the history: too short to backtest the horizon from `origins` origins (one season apart),
 * periods with no usage inside it, and a recent level shift (the last season's — or last 3 periods' —
 * mean differs from the four seasons before by more than 30% and by more than 3 standard errors).
 */
export function assessDataQuality(input: DataQualityInput): DataQualityNote[] {
  const notes: DataQualityNote[] = [];
  const { values } = input;
  const count = values.length;
  const main = input.periods[0] ?? 1;
  const neededForBand = minimumTrainLength(input.periods) + 1;
  const stride = main > 1 && main <= 2 * input.horizon ? main : Math.max(1, Math.ceil(input.horizon / 2));
  const neededForFullBacktest =
    minimumTrainLength(input.periods) + input.horizon + (input.origins - 1) * stride;
  if (count < neededForFullBacktest) {
    notes.push({ kind: 'short-history', periods: count, neededForBand, neededForFullBacktest });
  }

  let emptyPeriods = 0;
  let longestRun = 0;
  let run = 0;
  for (const isEmpty of input.isEmpty) {
    run = isEmpty ? run + 1 : 0;
    if (isEmpty) emptyPeriods++;
    longestRun = Math.max(longestRun, run);
  }
  if (emptyPeriods > 0) notes.push({ kind: 'gaps', emptyPeriods, longestRun });

  const recentPeriods = Math.max(3, main);
  const before = values.slice(Math.max(0, count - 5 * recentPeriods), count - recentPeriods);
  if (before.length >= recentPeriods) {
    const recent = values.slice(count - recentPeriods);
    const meanOf = (list: readonly number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;
    const recentMean = meanOf(recent);
    const previousMean = meanOf(before);
    const variance =
      before.reduce((sum, value) => sum + (value - previousMean) ** 2, 0) / Math.max(1, before.length - 1);
    const standardError = Math.sqrt(variance / recentPeriods + variance / before.length);
    const change =
      previousMean === 0 ? (recentMean > 0 ? Infinity : 0) : Math.abs(recentMean / previousMean - 1);
    if (change > 0.3 && Math.abs(recentMean - previousMean) > 3 * standardError) {
      notes.push({ kind: 'level-shift', recentPeriods, recentMean, previousMean });
    }
  }
  return notes;
}
