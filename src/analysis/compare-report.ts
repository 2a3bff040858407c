import type { Dimension } from '../model/dimension.ts';
import { createTotalsAccumulator } from '../model/usage-totals.ts';
import type { Report, ReportRow } from './build-report.ts';
import { periodOf, type PeriodUnit } from './period.ts';

/** What each row is compared with: the previous period of the same group, or one fixed period. */
export type CompareMode = { readonly kind: 'previous' } | { readonly kind: 'period'; readonly label: string };

export interface ReportComparison {
  readonly mode: CompareMode;
  /** Column heading for the baseline: `Prev` or the fixed period's label. */
  readonly heading: string;
  /** Baseline cost of all rows, in the report's cost mode and currency. */
  readonly totalBaselinePico: bigint;
}

/** A row with its baseline: the cost of the same group in the compared period (0 when it had none). */
export interface ComparedRow extends ReportRow {
  readonly baselineCostPico: bigint;
  /** False when the group had no usage in the baseline (Δ% is then "new"). */
  readonly hasBaseline: boolean;
}

export interface ComparedReport extends Report {
  readonly rows: readonly ComparedRow[];
  readonly comparison: ReportComparison;
}

const SEPARATOR = '\u0000';
const groupKey = (row: ReportRow): string => row.group.map((value) => value ?? '\u0001').join(SEPARATOR);

/** What `compareRowsInOrder` needs to know about the report it compares. */
export interface RowComparison {
  readonly mode: CompareMode;
  readonly by: PeriodUnit;
  readonly timeZone: string;
  readonly groupBy: readonly Dimension[];
  readonly top: number | null;
  /** Order rows within each period by the size of the change, largest first. */
  readonly sortByDelta: boolean;
}

/**
 * Adds baseline costs to a report. `baseline` is a report without `--top` (every group) over the
 * baseline range: for `previous` it covers the period before each shown one (same unit; for `--by none`
 * the equally long range before), for a fixed period it is that period with `--by none`.
 * - each row is matched by group (and, for `previous`, by its previous period's label);
 * - the `(other)` row is compared with the baseline groups that are not shown in its period;
 * - groups that had spend in the baseline but none now get a row with zero usage, so nothing that
 *   stopped is hidden; their totals are zero, so the totals row still sums the rows.
 * With `sortByDelta`, rows within each period are ordered by the size of the change, largest first.
 */
export function compareReport(
  report: Report,
  baseline: Report,
  mode: CompareMode,
  sortByDelta: boolean,
): ComparedReport {
  const baselineTotal = { pico: 0n };
  const rows = [
    ...compareRowsInOrder(report.rows, baseline.rows, { ...report, mode, sortByDelta }, baselineTotal),
  ];
  return { ...report, rows, comparison: reportComparison(mode, baselineTotal.pico) };
}

/** The comparison of a report compared in `mode`, whose rows' baselines sum to `totalBaselinePico`. */
export function reportComparison(mode: CompareMode, totalBaselinePico: bigint): ReportComparison {
  return { mode, heading: comparisonHeading(mode), totalBaselinePico };
}

/** Column heading for the baseline: `Prev` or the fixed period's label. */
export function comparisonHeading(mode: CompareMode): string {
  return mode.kind === 'previous' ? 'Prev' : mode.label;
}

/**
 * The rows of `compareReport` from report rows and baseline rows in report order (by period), one
 * period at a time, adding each row's baseline cost into `baselineTotal` as it goes. Memory holds one
 * period of each (with a fixed period or `--by none`, the baseline's every group), so a streamed
 * export can compare without building either report.
 */
export function* compareRowsInOrder(
  rows: Iterable<ReportRow>,
  baselineRows: Iterable<ReportRow>,
  comparison: RowComparison,
  baselineTotal: { pico: bigint },
): Generator<ComparedRow, void, undefined> {
  const isPerPeriod = comparison.mode.kind === 'previous' && comparison.by !== 'none';
  const baselinePeriods = periodsOf(baselineRows);
  // Per period: the baseline period before each shown one, read as the shown periods advance.
  // Otherwise: one baseline for every period, read whole.
  const wholeBaseline = isPerPeriod ? null : costsByGroup([...baselinePeriods].flat());
  let pending = isPerPeriod ? baselinePeriods.next() : null;
  const baselineBefore = (first: ReportRow): Map<string, bigint> => {
    if (wholeBaseline !== null || pending === null) return wholeBaseline ?? new Map<string, bigint>();
    // by is not 'none' here, so every period has a start.
    const startMs =
      periodOf((first.period.startMs ?? 0) - 1, comparison.by, comparison.timeZone).startMs ?? 0;
    while (pending.done !== true && (pending.value[0]?.period.startMs ?? 0) < startMs) {
      pending = baselinePeriods.next();
    }
    return pending.done !== true && pending.value[0]?.period.startMs === startMs
      ? costsByGroup(pending.value)
      : new Map<string, bigint>();
  };
  for (const periodRows of periodsOf(rows)) {
    const first = periodRows[0];
    if (first === undefined) continue;
    const compared = comparePeriod(periodRows, baselineBefore(first), comparison);
    for (const row of compared) baselineTotal.pico += row.baselineCostPico;
    if (comparison.sortByDelta) compared.sort(byDelta);
    yield* compared;
  }
}

/** The rows of one period with their baselines, plus rows for the baseline groups that stopped. */
function comparePeriod(
  rows: readonly ReportRow[],
  baselineCost: ReadonlyMap<string, bigint>,
  comparison: RowComparison,
): ComparedRow[] {
  const [first] = rows;
  if (first === undefined) return [];
  const shown = new Set(rows.filter((row) => !row.isOther).map(groupKey));
  const periodRows: ComparedRow[] = [];
  const other = rows.find((row) => row.isOther);
  for (const row of rows) {
    if (row.isOther) continue;
    const key = groupKey(row);
    periodRows.push({
      ...row,
      baselineCostPico: baselineCost.get(key) ?? 0n,
      hasBaseline: baselineCost.has(key),
    });
  }
  let otherBaseline = 0n;
  let hasOtherBaseline = false;
  for (const [group, cost] of baselineCost) {
    if (shown.has(group)) continue;
    if (other !== undefined || comparison.top !== null) {
      otherBaseline += cost;
      hasOtherBaseline = true;
    } else if (cost !== 0n) {
      periodRows.push({
        period: first.period,
        group: group.split(SEPARATOR).map((value) => (value === '\u0001' ? null : value)),
        isOther: false,
        totals: createTotalsAccumulator(),
        baselineCostPico: cost,
        hasBaseline: true,
      });
    }
  }
  if (other !== undefined || hasOtherBaseline) {
    periodRows.push({
      ...(other ?? {
        period: first.period,
        group: comparison.groupBy.map(() => null),
        isOther: true,
        totals: createTotalsAccumulator(),
      }),
      baselineCostPico: otherBaseline,
      hasBaseline: hasOtherBaseline,
    });
  }
  return periodRows;
}

/** The cost of each group in `rows` (summed when a group repeats), in the order first seen. */
function costsByGroup(rows: readonly ReportRow[]): Map<string, bigint> {
  const costs = new Map<string, bigint>();
  for (const row of rows) costs.set(groupKey(row), (costs.get(groupKey(row)) ?? 0n) + row.totals.costPico);
  return costs;
}

/** Consecutive rows of one period, period after period. */
function* periodsOf(rows: Iterable<ReportRow>): Generator<ReportRow[], void, undefined> {
  let current: ReportRow[] = [];
  for (const row of rows) {
    if (current[0] !== undefined && current[0].period.label !== row.period.label) {
      yield current;
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) yield current;
}

function byDelta(a: ComparedRow, b: ComparedRow): number {
  if (a.isOther !== b.isOther) return a.isOther ? 1 : -1;
  const size = (row: ComparedRow): bigint => {
    const delta = row.totals.costPico - row.baselineCostPico;
    return delta < 0n ? -delta : delta;
  };
  const difference = size(b) - size(a);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** Change in percent of the baseline, one decimal, or null when there is no baseline to divide by. */
export function deltaPercent(current: bigint, baseline: bigint): number | null {
  if (baseline === 0n) return null;
  // Tenths of a percent, computed in integers, rounded half away from zero.
  const numerator = (current - baseline) * 2000n;
  const denominator = baseline < 0n ? -baseline : baseline;
  const sign = numerator < 0n ? -1n : 1n;
  const tenths = sign * (((numerator * sign) / denominator + 1n) / 2n);
  return Number(tenths) / 10;
}
