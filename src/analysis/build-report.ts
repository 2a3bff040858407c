import type { CostMode } from '../model/cost-mode.ts';
import type { CurrencyConversion } from './convert-currency.ts';
import type { ReproducibilityStamp } from './reproducibility-stamp.ts';
import type { SourceOverlap } from '../model/source-overlap.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import type { Dimension } from '../model/dimension.ts';
import { accumulateTotals, createTotalsAccumulator, type UsageTotals } from '../model/usage-totals.ts';
import { groupReportRows, rankTopGroups } from './group-report-rows.ts';
import type { Period, PeriodUnit } from './period.ts';

/** Usage of one time slice and group, as the store sums it. */
export interface UsageSlice {
  readonly sliceStartMs: number;
  readonly groupValues: readonly (string | null)[];
  readonly totals: UsageTotals;
}

export interface ReportRow {
  readonly period: Period;
  /** Values in the order of `groupBy`; null = not set in the source. */
  readonly group: readonly (string | null)[];
  /** The row that sums every group beyond `--top N` in its period. */
  readonly isOther: boolean;
  readonly totals: UsageTotals;
}

export interface Report {
  /** Which cost `totals.costPico` holds (model/cost-mode.ts). */
  readonly costMode: CostMode;
  /** ISO 4217 code of every amount (pico-units of it); USD unless converted (analysis/convert-currency.ts). */
  readonly currency: string;
  /** The rates that converted USD amounts, or null for USD. */
  readonly exchange: CurrencyConversion | null;
  /** What the figures depend on (analysis/reproducibility-stamp.ts). */
  readonly stamp: ReproducibilityStamp;
  /** Unit-economics view: totals carry `cacheSavingsPico`. */
  readonly economics: boolean;
  readonly by: PeriodUnit;
  readonly timeZone: string;
  readonly groupBy: readonly Dimension[];
  readonly top: number | null;
  /** Sorted by period, then cost (largest first), then group values; `other` last in its period. */
  readonly rows: readonly ReportRow[];
  readonly totals: UsageTotals;
  readonly unpriced: readonly UnpricedUsage[];
  /** Providers and days where a billing export and request logs overlapped, and the kind read there. */
  readonly overlap: readonly SourceOverlap[];
}

/**
 * What decides a report's columns and number formats, known before any row is read (a streamed
 * export writes its header from it).
 */
export type ReportLayout = Pick<
  Report,
  'costMode' | 'currency' | 'economics' | 'by' | 'timeZone' | 'groupBy' | 'top'
>;

/** A report apart from its rows: what a streamed export knows once the rows have gone by. */
export type ReportSummary = Omit<Report, 'rows'>;

export interface ReportOptions {
  readonly costMode: CostMode;
  readonly currency: string;
  readonly exchange: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  /** Unit-economics view (default false); the slices then carry cache savings. */
  readonly economics?: boolean;
  readonly by: PeriodUnit;
  readonly timeZone: string;
  readonly groupBy: readonly Dimension[];
  /** Keep the N groups with the largest cost over the whole range; sum the rest into one row. */
  readonly top: number | null;
  /** Where both source kinds covered a provider and day (default: none). */
  readonly overlap?: readonly SourceOverlap[];
}

/**
 * Buckets usage slices into calendar periods in the report's time zone and groups them. Totals are
 * sums of the same integers as the rows, so the totals row always equals the sum of the rows.
 */
export function buildReport(
  slices: readonly UsageSlice[],
  unpriced: readonly UnpricedUsage[],
  options: ReportOptions,
): Report {
  const keptGroups = options.top === null ? null : rankTopGroups(slices, options.top);
  const totals = createTotalsAccumulator();
  for (const slice of slices) accumulateTotals(totals, slice.totals);
  const ordered = isInSliceOrder(slices)
    ? slices
    : [...slices].sort((a, b) => a.sliceStartMs - b.sliceStartMs);
  const rows = [
    ...groupReportRows(ordered, {
      by: options.by,
      timeZone: options.timeZone,
      groupBy: options.groupBy,
      keptGroups,
    }),
  ];
  return {
    ...reportLayout(options),
    exchange: options.exchange,
    stamp: options.stamp,
    rows,
    totals,
    unpriced,
    overlap: options.overlap ?? [],
  };
}

/** The layout of a report with these options. */
function reportLayout(options: ReportOptions): ReportLayout {
  return {
    costMode: options.costMode,
    currency: options.currency,
    economics: options.economics ?? false,
    by: options.by,
    timeZone: options.timeZone,
    groupBy: options.groupBy,
    top: options.top,
  };
}

function isInSliceOrder(slices: readonly UsageSlice[]): boolean {
  return slices.every(
    (slice, index) => index === 0 || (slices[index - 1]?.sliceStartMs ?? 0) <= slice.sliceStartMs,
  );
}
