import { createTotalsAccumulator } from '../model/usage-totals.ts';
import type { Report, ReportRow } from './build-report.ts';
import { periodOf } from './period.ts';

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
  const isPerPeriod = mode.kind === 'previous' && report.by !== 'none';
  const baselinePeriodOf = (row: ReportRow): string =>
    isPerPeriod && row.period.startMs !== null
      ? periodOf(row.period.startMs - 1, report.by, report.timeZone).label
      : 'all';
  const baselineCost = new Map<string, bigint>();
  for (const row of baseline.rows) {
    const key = `${isPerPeriod ? row.period.label : 'all'}${SEPARATOR}${groupKey(row)}`;
    baselineCost.set(key, (baselineCost.get(key) ?? 0n) + row.totals.costPico);
  }

  const rowsByPeriod = new Map<string, ReportRow[]>();
  for (const row of report.rows)
    rowsByPeriod.set(row.period.label, [...(rowsByPeriod.get(row.period.label) ?? []), row]);

  const compared: ComparedRow[] = [];
  let totalBaselinePico = 0n;
  for (const rows of rowsByPeriod.values()) {
    const first = rows[0];
    if (first === undefined) continue;
    const prefix = `${baselinePeriodOf(first)}${SEPARATOR}`;
    const shown = new Set(rows.filter((row) => !row.isOther).map(groupKey));
    const periodRows: ComparedRow[] = [];
    const other = rows.find((row) => row.isOther);
    for (const row of rows) {
      if (row.isOther) continue;
      const key = prefix + groupKey(row);
      periodRows.push({
        ...row,
        baselineCostPico: baselineCost.get(key) ?? 0n,
        hasBaseline: baselineCost.has(key),
      });
    }
    let otherBaseline = 0n;
    let hasOtherBaseline = false;
    for (const [key, cost] of baselineCost) {
      if (!key.startsWith(prefix)) continue;
      const group = key.slice(prefix.length);
      if (shown.has(group)) continue;
      if (other !== undefined || report.top !== null) {
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
          group: report.groupBy.map(() => null),
          isOther: true,
          totals: createTotalsAccumulator(),
        }),
        baselineCostPico: otherBaseline,
        hasBaseline: hasOtherBaseline,
      });
    }
    for (const row of periodRows) totalBaselinePico += row.baselineCostPico;
    if (sortByDelta) periodRows.sort(byDelta);
    compared.push(...periodRows);
  }
  const heading = mode.kind === 'previous' ? 'Prev' : mode.label;
  return { ...report, rows: compared, comparison: { mode, heading, totalBaselinePico } };
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
