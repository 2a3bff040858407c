import { localParts } from '../model/zoned-time.ts';

/** How anomalies are bucketed in time (`--by`). */
export type AnomalyBucketUnit = 'hour' | 'day';

/**
 * The time axis every series of one run shares: one entry per bucket (a local day or hour in the run's
 * time zone), oldest first, and the seasonal cycle the baseline uses.
 */
export interface SeriesCalendar {
  readonly unit: AnomalyBucketUnit;
  /** Bucket starts (UTC epoch ms); bucket i ends where bucket i + 1 starts (`endMs` for the last). */
  readonly startsMs: readonly number[];
  readonly endMs: number;
  /** Buckets with no data at all (before the first usage, after the last): missing, not zero spend. */
  readonly isMissing: readonly boolean[];
  /** Points in one seasonal cycle: 7 (days of a week), 24 (hours of a day) or 168 (hours of a week). */
  readonly cycleLength: number;
  /** Seasonal slot of each bucket, 0 … cycleLength − 1 (weekday, hour of day or hour of week). */
  readonly slots: readonly number[];
  /** Buckets on the first day of a month (local), whose spend often follows its own pattern. */
  readonly isMonthStart: readonly boolean[];
}

const HOURS_PER_WEEK = 168;

/**
 * Builds the calendar for bucket starts in a time zone. Hourly series use the hour of the week as
 * season when there are at least three weeks of buckets, else the hour of the day (weekday effects
 * are then left to the level, which follows them with a lag).
 */
export function buildSeriesCalendar(
  unit: AnomalyBucketUnit,
  startsMs: readonly number[],
  endMs: number,
  isMissing: readonly boolean[],
  timeZone: string,
): SeriesCalendar {
  const parts = startsMs.map((startMs) => localParts(startMs, timeZone));
  const cycleLength = unit === 'day' ? 7 : startsMs.length >= 3 * HOURS_PER_WEEK ? HOURS_PER_WEEK : 24;
  const slots = parts.map((local) =>
    cycleLength === 7
      ? local.weekday - 1
      : cycleLength === 24
        ? local.hour
        : (local.weekday - 1) * 24 + local.hour,
  );
  return {
    unit,
    startsMs,
    endMs,
    isMissing,
    cycleLength,
    slots,
    isMonthStart: parts.map((local) => local.day === 1),
  };
}
