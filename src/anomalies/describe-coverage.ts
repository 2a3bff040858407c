import { periodOf } from '../analysis/period.ts';
import type { AnomalyResult } from './detect-anomalies.ts';
import type { SeriesCalendar } from './series-calendar.ts';

/**
 * Sentences about what could not be judged and why: too little history (and how much is needed),
 * buckets after the last usage (missing data, not zero spend), an incomplete last bucket.
 */
export function describeCoverage(
  result: AnomalyResult,
  calendar: SeriesCalendar,
  reportFromIndex: number,
  untilMs: number,
  timeZone: string,
): string[] {
  const unit = calendar.unit;
  const label = (index: number): string => periodOf(calendar.startsMs[index] ?? 0, unit, timeZone).label;
  const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const notes: string[] = [];
  const bucketCount = calendar.startsMs.length;
  if (result.firstJudgedIndex === null) {
    const need = result.requirements.minHistory;
    notes.push(
      `Too little history to judge: ${plural(bucketCount, unit)} of usage, and detection needs ${plural(need, unit)} ` +
        (unit === 'day'
          ? '(two weeks, to learn the weekly pattern; or try --by hour, which needs three days).'
          : `(${need / 24} days, to learn the ${calendar.cycleLength === 24 ? 'daily' : 'weekly'} pattern).`),
    );
  } else if (result.firstJudgedIndex > reportFromIndex) {
    notes.push(
      `Judged from ${label(result.firstJudgedIndex)} on: earlier ${unit}s have too little history before them.`,
    );
  }
  const missing = calendar.isMissing.filter(Boolean).length;
  const lastWithData = calendar.isMissing.lastIndexOf(false);
  if (missing > 0 && lastWithData >= 0) {
    notes.push(
      `No usage after ${label(lastWithData)}: the ${plural(missing, unit)} after it are treated as missing data ` +
        '(not yet ingested), not as zero spend.',
    );
  }
  if (calendar.endMs < untilMs && bucketCount > 0) {
    notes.push(
      `The current ${unit} (${periodOf(calendar.endMs, unit, timeZone).label}) is incomplete and not judged yet.`,
    );
  }
  return notes;
}
