import type { CostMode } from '../model/cost-mode.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { localParts } from '../model/zoned-time.ts';
import type { UsageSlice } from './build-report.ts';
import type { CurrencyConversion } from './convert-currency.ts';
import type { ReproducibilityStamp } from './reproducibility-stamp.ts';

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Spend per local weekday and hour of day, summed over every week of the range. */
export interface SpendHeatmap {
  readonly timeZone: string;
  readonly costMode: CostMode;
  readonly currency: string;
  readonly exchange: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  /** `cells[weekday][hour]`: weekday 0 = Monday … 6 = Sunday, hour 0–23 local; pico-units of `currency`. */
  readonly cells: readonly (readonly bigint[])[];
  readonly weekdayTotals: readonly bigint[];
  readonly hourTotals: readonly bigint[];
  readonly totalPico: bigint;
  readonly records: number;
  readonly unpricedRecords: number;
  readonly unpriced: readonly UnpricedUsage[];
}

export interface HeatmapOptions {
  readonly timeZone: string;
  readonly costMode: CostMode;
  readonly currency: string;
  readonly exchange: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
}

/**
 * Bins usage slices by the local weekday and hour their start falls on in `timeZone`. Slices must not
 * straddle a local hour: hourly slices in zones with whole-hour offsets, quarter hours elsewhere. Across
 * a DST change the skipped hour simply gets nothing that day, and the repeated hour gets both.
 */
export function binSpendByWeekdayHour(
  slices: readonly UsageSlice[],
  unpriced: readonly UnpricedUsage[],
  options: HeatmapOptions,
): SpendHeatmap {
  const cells = WEEKDAY_NAMES.map(() => Array.from({ length: 24 }, () => 0n));
  let records = 0;
  let unpricedRecords = 0;
  for (const slice of slices) {
    const local = localParts(slice.sliceStartMs, options.timeZone);
    const row = cells[local.weekday - 1];
    if (row !== undefined) row[local.hour] = (row[local.hour] ?? 0n) + slice.totals.costPico;
    records += slice.totals.records;
    unpricedRecords += slice.totals.unpricedRecords;
  }
  const weekdayTotals = cells.map((row) => row.reduce((sum, value) => sum + value, 0n));
  const hourTotals = Array.from({ length: 24 }, (_, hour) =>
    cells.reduce((sum, row) => sum + (row[hour] ?? 0n), 0n),
  );
  return {
    ...options,
    cells,
    weekdayTotals,
    hourTotals,
    totalPico: weekdayTotals.reduce((sum, value) => sum + value, 0n),
    records,
    unpricedRecords,
    unpriced,
  };
}

/** One weekday-hour cell of the heatmap. */
export interface HeatmapCell {
  readonly weekday: number;
  readonly hour: number;
  readonly costPico: bigint;
}

/** The `count` costliest non-empty cells, largest first (ties: earlier in the week, then earlier hour). */
export function peakCells(heatmap: SpendHeatmap, count: number): HeatmapCell[] {
  return heatmap.cells
    .flatMap((row, weekday) => row.map((costPico, hour) => ({ weekday, hour, costPico })))
    .filter((cell) => cell.costPico > 0n)
    .sort((a, b) =>
      a.costPico !== b.costPico
        ? b.costPico > a.costPico
          ? 1
          : -1
        : a.weekday - b.weekday || a.hour - b.hour,
    )
    .slice(0, count);
}

/** Index of the largest amount (the first on ties), or null when all are zero. */
export function indexOfLargest(amounts: readonly bigint[]): number | null {
  let best: number | null = null;
  amounts.forEach((amount, index) => {
    if (amount > 0n && (best === null || amount > (amounts[best] ?? 0n))) best = index;
  });
  return best;
}
