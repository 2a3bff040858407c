import type { Dimension } from '../model/dimension.ts';
import {
  accumulateTotals,
  allTokens,
  createTotalsAccumulator,
  type TotalsAccumulator,
} from '../model/usage-totals.ts';
import type { ReportRow, UsageSlice } from './build-report.ts';
import { periodOf, type Period, type PeriodUnit } from './period.ts';

/** How slices become report rows: the period unit and zone, the group dimensions, the `--top` groups. */
export interface RowGrouping {
  readonly by: PeriodUnit;
  readonly timeZone: string;
  readonly groupBy: readonly Dimension[];
  /** The group keys (`groupKey`) shown by `--top N`; the others are summed into `(other)`. null: all. */
  readonly keptGroups: ReadonlySet<string> | null;
}

const GROUP_SEPARATOR = '\u0000';
const NULL_MARK = '\u0001';

/** One string per combination of group values (null distinct from every string). */
export function groupKey(values: readonly (string | null)[]): string {
  return values.map((value) => value ?? NULL_MARK).join(GROUP_SEPARATOR);
}

/**
 * Report rows from slices in ascending order of start, one period at a time: a period's rows are
 * summed, then sorted (`compareReportRows`) when the first slice of the next period arrives. Memory
 * holds the rows of one period, not the report's, so a file export can stream from the store. A
 * slice must not straddle periods (`chooseSliceMs` sees to it); slices out of order are a bug and throw.
 */
export function* groupReportRows(
  slices: Iterable<UsageSlice>,
  grouping: RowGrouping,
): Generator<ReportRow, void, undefined> {
  let period: Period | null = null;
  let periodSliceMs = Number.NaN;
  let rowsByKey = new Map<string, ReportRow & { totals: TotalsAccumulator }>();
  for (const slice of slices) {
    if (period === null || slice.sliceStartMs !== periodSliceMs) {
      if (slice.sliceStartMs < periodSliceMs) {
        throw new Error(`slices out of order: ${slice.sliceStartMs} after ${periodSliceMs}`);
      }
      periodSliceMs = slice.sliceStartMs;
      const next = periodOf(slice.sliceStartMs, grouping.by, grouping.timeZone);
      if (period !== null && next.label !== period.label) {
        yield* [...rowsByKey.values()].sort(compareReportRows);
        rowsByKey = new Map();
      }
      if (period === null || next.label !== period.label) period = next;
    }
    const key = groupKey(slice.groupValues);
    const isOther = grouping.keptGroups !== null && !grouping.keptGroups.has(key);
    // Prefixed so that no group's key can be taken for the (other) row's.
    const rowKey = isOther ? 'other' : `group:${key}`;
    let row = rowsByKey.get(rowKey);
    if (row === undefined) {
      row = {
        period,
        group: isOther ? grouping.groupBy.map(() => null) : slice.groupValues,
        isOther,
        totals: createTotalsAccumulator(),
      };
      rowsByKey.set(rowKey, row);
    }
    accumulateTotals(row.totals, slice.totals);
  }
  yield* [...rowsByKey.values()].sort(compareReportRows);
}

/**
 * The `top` groups with the largest cost over all `slices` (ties: more tokens, then group values), as
 * `groupKey`s. Memory holds one sum per group.
 */
export function rankTopGroups(slices: Iterable<UsageSlice>, top: number): Set<string> {
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

/** Report order: by period, then cost (largest first), then group values; `(other)` last in its period. */
export function compareReportRows(a: ReportRow, b: ReportRow): number {
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

/** The totals of rows as they pass, summed into `totals` (the totals row of a streamed export). */
export function* sumRowsInto(
  rows: Iterable<ReportRow>,
  totals: TotalsAccumulator,
): Generator<ReportRow, void, undefined> {
  for (const row of rows) {
    accumulateTotals(totals, row.totals);
    yield row;
  }
}
