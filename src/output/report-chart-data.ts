import type { Report, ReportRow } from '../analysis/build-report.ts';
import { allCacheWriteTokens } from '../model/usage-totals.ts';
import { groupCell } from './report-columns.ts';

/** One line of a chart: a name and one value per point. */
export interface ChartSeries {
  readonly name: string;
  readonly isOther: boolean;
  readonly values: readonly number[];
}

/** Spend per period of the costliest groups, the rest summed as "other" (values in currency units, floats for drawing). */
export interface SpendOverTime {
  readonly periods: readonly string[];
  readonly series: readonly ChartSeries[];
}

export interface TokenMix {
  readonly name: string;
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly output: number;
}

export interface NamedAmount {
  readonly name: string;
  /** Pico-units of the report's currency. */
  readonly amountPico: bigint;
}

const OTHER = 'other';

/** How a row's group reads in a chart legend: its group values joined, `all usage` when ungrouped. */
export function groupLabel(report: Report, row: ReportRow): string {
  if (row.isOther) return OTHER;
  if (report.groupBy.length === 0) return 'all usage';
  return report.groupBy.map((_, index) => groupCell(row, index)).join(' · ');
}

/**
 * The `maxGroups` groups with the largest cost over the report, then one "other" for the rest
 * (including the report's own `--top` rest), each with its cost.
 */
export function rankGroups(report: Report, maxGroups: number): { kept: string[]; hasOther: boolean } {
  const costByGroup = new Map<string, bigint>();
  for (const row of report.rows) {
    if (row.isOther) continue;
    const name = groupLabel(report, row);
    costByGroup.set(name, (costByGroup.get(name) ?? 0n) + row.totals.costPico);
  }
  const ranked = [...costByGroup.entries()]
    .sort(([nameA, a], [nameB, b]) =>
      a !== b ? (b > a ? 1 : -1) : nameA < nameB ? -1 : nameA > nameB ? 1 : 0,
    )
    .map(([name]) => name);
  const kept = ranked.slice(0, maxGroups);
  return { kept, hasOther: ranked.length > maxGroups || report.rows.some((row) => row.isOther) };
}

/** Spend per period for the top `maxGroups` groups and "other", in currency units (for drawing only). */
export function spendOverTime(report: Report, maxGroups: number): SpendOverTime {
  const { kept, hasOther } = rankGroups(report, maxGroups);
  const names = hasOther ? [...kept, OTHER] : kept;
  const periods: string[] = [];
  const periodIndex = new Map<string, number>();
  for (const row of report.rows) {
    if (!periodIndex.has(row.period.label)) {
      periodIndex.set(row.period.label, periods.length);
      periods.push(row.period.label);
    }
  }
  const sums = names.map(() => periods.map(() => 0n));
  for (const row of report.rows) {
    const name = groupLabel(report, row);
    const seriesIndex = kept.includes(name) ? kept.indexOf(name) : kept.length;
    const point = periodIndex.get(row.period.label) ?? 0;
    const series = sums[seriesIndex];
    if (series !== undefined) series[point] = (series[point] ?? 0n) + row.totals.costPico;
  }
  return {
    periods,
    series: names.map((name, index) => ({
      name,
      isOther: hasOther && index === kept.length,
      values: (sums[index] ?? []).map(picoToUnits),
    })),
  };
}

/** Token classes of the top `maxGroups` groups, "other", and all usage first. */
export function tokenMixByGroup(report: Report, maxGroups: number): TokenMix[] {
  const { kept, hasOther } = rankGroups(report, maxGroups);
  const byName = new Map<string, { input: number; cacheRead: number; cacheWrite: number; output: number }>();
  for (const row of report.rows) {
    const label = groupLabel(report, row);
    const name = kept.includes(label) ? label : OTHER;
    const mix = byName.get(name) ?? { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
    mix.input += row.totals.inputTokens;
    mix.cacheRead += row.totals.cacheReadTokens;
    mix.cacheWrite += allCacheWriteTokens(row.totals);
    mix.output += row.totals.outputTokens;
    byName.set(name, mix);
  }
  const { totals } = report;
  const all: TokenMix = {
    name: 'all usage',
    input: totals.inputTokens,
    cacheRead: totals.cacheReadTokens,
    cacheWrite: allCacheWriteTokens(totals),
    output: totals.outputTokens,
  };
  const groups = [...kept, ...(hasOther ? [OTHER] : [])].flatMap((name) => {
    const mix = byName.get(name);
    return mix === undefined ? [] : [{ name, ...mix }];
  });
  return report.groupBy.length === 0 ? [all] : [all, ...groups];
}

/** The `count` costliest groups of a report (e.g. one grouped by model), largest first. */
export function topAmounts(report: Report, count: number): NamedAmount[] {
  return report.rows
    .filter((row) => !row.isOther && row.totals.costPico > 0n)
    .map((row) => ({ name: groupLabel(report, row), amountPico: row.totals.costPico }))
    .sort((a, b) =>
      a.amountPico !== b.amountPico ? (b.amountPico > a.amountPico ? 1 : -1) : a.name < b.name ? -1 : 1,
    )
    .slice(0, count);
}

/** Currency units as a float, for drawing; never summed. */
function picoToUnits(amountPico: bigint): number {
  return Number(amountPico) / 1e12;
}
