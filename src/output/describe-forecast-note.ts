import type { DataQualityNote } from '../forecast/assess-data-quality.ts';
import { formatUsdEstimate } from './format-money.ts';
import { pluralize } from './format-number.ts';

/** A data-quality note in one sentence; `unit` is the period (`day`). */
export function describeNote(note: DataQualityNote, unit: string): string {
  switch (note.kind) {
    case 'short-history':
      return note.periods < note.neededForBand
        ? `history too short: ${pluralize(note.periods, unit)}; a backtested method and a calibrated band need at least ${pluralize(note.neededForBand, unit)} (seasonal naive used, no band)`
        : `short history: ${pluralize(note.periods, unit)}; backtesting the whole horizon from 8 origins needs ${pluralize(note.neededForFullBacktest, unit)}, so accuracy figures rest on fewer or shorter backtests`;
    case 'gaps':
      return `${pluralize(note.emptyPeriods, unit)} without any usage inside the history (counted as $0; longest run ${pluralize(note.longestRun, unit)})`;
    case 'level-shift':
      return `recent level shift: the last ${pluralize(note.recentPeriods, unit)} averaged ${formatUsdEstimate(note.recentMean)} per ${unit} against ${formatUsdEstimate(note.previousMean)} before; methods need time to catch up`;
    default:
      return note satisfies never;
  }
}
