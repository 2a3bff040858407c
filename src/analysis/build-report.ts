import type { CostMode } from '../model/cost-mode.ts';
import type { CurrencyConversion } from './convert-currency.ts';
import type { ReproducibilityStamp } from './reproducibility-stamp.ts';
import type { SourceOverlap } from '../model/source-overlap.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import type { Dimension } from '../model/dimension.ts';
import {
  accumulateTotals,
  allTokens,
  createTotalsAccumulator,
  type TotalsAccumulator,
  type UsageTotals,
} from '../model/usage-totals.ts';
import { periodOf, type Period, type PeriodUnit } from './period.ts';

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

const GROUP_SEPARATOR = '\u0000';
const NULL_MARK = '\u0001';

function groupKey(values: readonly (string | null)[]): string {
  return values.map((value) => value ?? NULL_MARK).join(GROUP_SEPARATOR);
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
  const keptGroups = options.top === null ? null : topGroups(slices, options.top);
  const periodBySlice = new Map<number, Period>();
  const rowsByKey = new Map<string, ReportRow & { totals: TotalsAccumulator }>();
  const totals = createTotalsAccumulator();

  for (const slice of slices) {
    let period = periodBySlice.get(slice.sliceStartMs);
    if (period === undefined) {
      period = periodOf(slice.sliceStartMs, options.by, options.timeZone);
      periodBySlice.set(slice.sliceStartMs, period);
    }
    const key = groupKey(slice.groupValues);
    const isOther = keptGroups !== null && !keptGroups.has(key);
    const rowKey = `${period.label}${GROUP_SEPARATOR}${isOther ? 'other' : key}`;
    let row = rowsByKey.get(rowKey);
    if (row === undefined) {
      row = {
        period,
        group: isOther ? options.groupBy.map(() => null) : slice.groupValues,
        isOther,
        totals: createTotalsAccumulator(),
      };
      rowsByKey.set(rowKey, row);
    }
    accumulateTotals(row.totals, slice.totals);
    accumulateTotals(totals, slice.totals);
  }

  const rows = [...rowsByKey.values()].sort(compareRows);
  return {
    costMode: options.costMode,
    currency: options.currency,
    exchange: options.exchange,
    stamp: options.stamp,
    economics: options.economics ?? false,
    by: options.by,
    timeZone: options.timeZone,
    groupBy: options.groupBy,
    top: options.top,
    rows,
    totals,
    unpriced,
    overlap: options.overlap ?? [],
  };
}

function topGroups(slices: readonly UsageSlice[], top: number): Set<string> {
  const costByGroup = new Map<string, { cost: bigint; tokens: number }>();
  for (const slice of slices) {
    const key = groupKey(slice.groupValues);
    const current = costByGroup.get(key) ?? { cost: 0n, tokens: 0 };
    costByGroup.set(key, {
      cost: current.cost + slice.totals.costPico,
      tokens: current.tokens + allTokens(slice.totals),
    });
  }
  const ranked = [...costByGroup.entries()].sort(([keyA, a], [keyB, b]) =>
    a.cost !== b.cost
      ? b.cost > a.cost
        ? 1
        : -1
      : a.tokens !== b.tokens
        ? b.tokens - a.tokens
        : compareText(keyA, keyB),
  );
  return new Set(ranked.slice(0, top).map(([key]) => key));
}

function compareRows(a: ReportRow, b: ReportRow): number {
  const aStart = a.period.startMs ?? 0;
  const bStart = b.period.startMs ?? 0;
  if (aStart !== bStart) return aStart - bStart;
  if (a.isOther !== b.isOther) return a.isOther ? 1 : -1;
  if (a.totals.costPico !== b.totals.costPico) return b.totals.costPico > a.totals.costPico ? 1 : -1;
  return compareText(groupKey(a.group), groupKey(b.group));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
