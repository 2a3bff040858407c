import { picoToNumber } from '../model/money.ts';
import type { UsageSlice } from './build-report.ts';
import { datedPeriodOf, nextPeriod, type DatedPeriod } from './period.ts';

/** Periods a forecast can use. */
export type ForecastUnit = 'hour' | 'day' | 'week';

/** Spend per period of one group (or of everything), the history a forecast starts from. */
export interface SpendSeries {
  /** Group values in the order of `--group-by`; empty for the total. */
  readonly group: readonly (string | null)[];
  /** Complete periods from the group's first period with usage up to the forecast start. */
  readonly periods: readonly DatedPeriod[];
  /** Priced cost per period in pico-USD (exact). */
  readonly costPico: readonly bigint[];
  /** The same in dollars, for the maths (never summed for display). */
  readonly valuesUsd: readonly number[];
  /** Periods with no usage at all (their cost is 0, reported as gaps). */
  readonly isEmpty: readonly boolean[];
  /** Records left out of cost for lack of a price, over the history. */
  readonly unpricedRecords: number;
  /** Spend already recorded in the period in progress at `--as-of` (part of the first forecast period). */
  readonly currentPeriodPico: bigint;
}

export interface SpendSeriesOptions {
  readonly unit: ForecastUnit;
  readonly timeZone: string;
  /** Start of the first forecast period: the period that contains `--as-of`. */
  readonly forecastStartMs: number;
  /** When set (`--since`), history starts at this period even before the first usage. */
  readonly historyStartMs: number | null;
}

interface Bucket {
  costPico: bigint;
  records: number;
  unpricedRecords: number;
}

/**
 * Buckets usage slices into periods of the zone and builds one series per group (plus the total,
 * first). Each series starts at its first period with usage (or at `historyStartMs`) and runs to the
 * forecast start with every period present: periods without usage are 0 and flagged in `isEmpty`.
 * Usage at or after the forecast start counts as spend so far in the current period.
 */
export function buildSpendSeries(slices: readonly UsageSlice[], options: SpendSeriesOptions): SpendSeries[] {
  const { unit, timeZone, forecastStartMs } = options;
  const byGroup = new Map<
    string,
    { group: readonly (string | null)[]; buckets: Map<number, Bucket>; current: bigint }
  >();
  const add = (key: string, group: readonly (string | null)[], slice: UsageSlice) => {
    let entry = byGroup.get(key);
    if (entry === undefined) {
      entry = { group, buckets: new Map(), current: 0n };
      byGroup.set(key, entry);
    }
    if (slice.sliceStartMs >= forecastStartMs) {
      entry.current += slice.totals.costPico;
      return;
    }
    const { startMs } = datedPeriodOf(slice.sliceStartMs, unit, timeZone);
    const bucket = entry.buckets.get(startMs) ?? { costPico: 0n, records: 0, unpricedRecords: 0 };
    bucket.costPico += slice.totals.costPico;
    bucket.records += slice.totals.records;
    bucket.unpricedRecords += slice.totals.unpricedRecords;
    entry.buckets.set(startMs, bucket);
  };
  for (const slice of slices) {
    add('', [], slice);
    if (slice.groupValues.length > 0) add(`g${JSON.stringify(slice.groupValues)}`, slice.groupValues, slice);
  }
  if (!byGroup.has('')) byGroup.set('', { group: [], buckets: new Map(), current: 0n });

  const series = [...byGroup.values()].map(({ group, buckets, current }) => {
    const firstUsage = Math.min(...buckets.keys());
    const startMs =
      options.historyStartMs === null
        ? firstUsage
        : datedPeriodOf(Math.min(options.historyStartMs, firstUsage), unit, timeZone).startMs;
    const periods: DatedPeriod[] = [];
    const costPico: bigint[] = [];
    const isEmpty: boolean[] = [];
    let unpricedRecords = 0;
    if (Number.isFinite(startMs)) {
      for (
        let period = datedPeriodOf(startMs, unit, timeZone);
        period.startMs < forecastStartMs;
        period = nextPeriod(period.startMs, unit, timeZone)
      ) {
        const bucket = buckets.get(period.startMs);
        periods.push(period);
        costPico.push(bucket?.costPico ?? 0n);
        isEmpty.push(bucket === undefined || bucket.records === 0);
        unpricedRecords += bucket?.unpricedRecords ?? 0;
      }
    }
    return {
      group,
      periods,
      costPico,
      valuesUsd: costPico.map(picoToNumber),
      isEmpty,
      unpricedRecords,
      currentPeriodPico: current,
    };
  });
  const compareGroups = (a: SpendSeries, b: SpendSeries) =>
    a.group.length - b.group.length || JSON.stringify(a.group).localeCompare(JSON.stringify(b.group));
  return series.sort(compareGroups);
}
