import type { Report } from './build-report.ts';
import { periodOf, type Period, type PeriodUnit } from './period.ts';

/** One line of a report chart: a group's cost in each period (pico-units of the report currency). */
export interface ChartSeries {
  readonly label: string;
  readonly valuesPico: readonly bigint[];
  readonly totalPico: bigint;
}

/** A report's cost per period and group, ready to plot: every period from the first to the last. */
export interface ChartData {
  readonly periods: readonly Period[];
  /** Largest total first; the rest beyond `maxLines - 1` summed in a last `(other)` series. */
  readonly series: readonly ChartSeries[];
}

const HOUR_MS = 3_600_000;
/** Shorter than every period of the unit (DST days are 23 h), so stepping by it skips none. */
const SHORTEST_MS: Record<Exclude<PeriodUnit, 'none'>, number> = {
  hour: HOUR_MS,
  day: 22 * HOUR_MS,
  week: 6 * 24 * HOUR_MS,
  month: 27 * 24 * HOUR_MS,
};

/**
 * The series to chart from a report: one per group (one `Total` series without groups), at most
 * `maxLines`: with more groups, the `maxLines - 1` costliest and an `(other)` series summing the rest,
 * the report's own `(other)` row (`--top`) included. Periods without usage are zeros, not gaps.
 */
export function buildChartSeries(report: Report, maxLines: number): ChartData {
  const periods = listPeriods(report);
  const indexOfPeriod = new Map(periods.map((period, index) => [period.label, index]));
  const byGroup = new Map<string, { label: string; values: bigint[]; total: bigint }>();
  for (const row of report.rows) {
    const label = row.isOther
      ? '(other)'
      : report.groupBy.length === 0
        ? 'Total'
        : row.group.map((value) => value ?? '(none)').join(' / ');
    let entry = byGroup.get(label);
    if (entry === undefined) {
      entry = { label, values: periods.map(() => 0n), total: 0n };
      byGroup.set(label, entry);
    }
    const index = indexOfPeriod.get(row.period.label) ?? 0;
    entry.values[index] = (entry.values[index] ?? 0n) + row.totals.costPico;
    entry.total += row.totals.costPico;
  }
  const ranked = [...byGroup.values()].sort((a, b) =>
    a.total !== b.total ? (b.total > a.total ? 1 : -1) : a.label < b.label ? -1 : a.label > b.label ? 1 : 0,
  );
  const series = ranked.map((entry) => ({
    label: entry.label,
    valuesPico: entry.values,
    totalPico: entry.total,
  }));
  if (series.length <= maxLines) return { periods, series };
  const kept = series.filter((entry) => entry.label !== '(other)').slice(0, maxLines - 1);
  const rest = series.filter((entry) => !kept.includes(entry));
  const other = {
    label: '(other)',
    valuesPico: periods.map((_, index) =>
      rest.reduce((sum, entry) => sum + (entry.valuesPico[index] ?? 0n), 0n),
    ),
    totalPico: rest.reduce((sum, entry) => sum + entry.totalPico, 0n),
  };
  return { periods, series: [...kept, other] };
}

/** Every period of the report's unit from its first row's to its last row's, in order. */
function listPeriods(report: Report): Period[] {
  const first = report.rows[0]?.period;
  const last = report.rows.at(-1)?.period;
  if (first === undefined || last === undefined) return [];
  if (report.by === 'none' || first.startMs === null || last.startMs === null) return [first];
  const periods = [first];
  let cursor = first.startMs;
  let current = first;
  while (current.label !== last.label && cursor < last.startMs + SHORTEST_MS[report.by]) {
    cursor += SHORTEST_MS[report.by];
    let next = periodOf(cursor, report.by, report.timeZone);
    while (next.label === current.label) {
      cursor += HOUR_MS;
      next = periodOf(cursor, report.by, report.timeZone);
    }
    periods.push(next);
    current = next;
  }
  return periods;
}
