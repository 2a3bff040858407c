import type { Breakdown } from '../optimizer/replay-usage.ts';
import { formatMoney } from './format-money.ts';
import { formatCount, pluralize } from './format-number.ts';
import type { PlainTable } from './render-plain-table.ts';
import { breakdownHeading, savingsPercent, type WhatifReport } from './whatif-report.ts';

/** The cells shared by the terminal table and Markdown: one summary, one table per breakdown. */

const usd = (pico: bigint): string => formatMoney(pico, 'USD');

/** `34.40%`, `-2.10%`, `—` for no baseline. */
export function percentText(baselinePico: bigint, savingsPico: bigint): string {
  const percent = savingsPercent(baselinePico, savingsPico);
  return percent === null ? '—' : `${percent.toFixed(2)}%`;
}

/** Baseline and each scenario: cost, savings ($, %), excluded requests. */
export function whatifSummaryTable(report: WhatifReport): PlainTable {
  const { baseline, scenarios } = report.result;
  return {
    head: ['Scenario', 'Cost', 'Savings', 'Savings %', 'Excluded req.'],
    rows: [
      ['baseline', usd(baseline.costPico), '', '', ''],
      ...scenarios.map((scenario) => [
        scenario.name,
        usd(scenario.costPico),
        usd(scenario.savingsPico),
        percentText(baseline.costPico, scenario.savingsPico),
        formatCount(scenario.excluded.requests),
      ]),
    ],
    align: ['left', 'right', 'right', 'right', 'right'],
    shrinkable: [0],
  };
}

/** Room the key column keeps when a table must fit: ids shrink in the middle, down to this. */
const MIN_KEY_WIDTH = 16;

/**
 * One breakdown as tables that fit `width`: the key, requests, baseline cost and each scenario's cost
 * with its savings %; without the % when that is too wide; and with the scenarios spread over several
 * tables when even that is. Money is never cut short, only the key column shrinks.
 */
export function whatifBreakdownTables(
  report: WhatifReport,
  breakdown: Breakdown,
  top: number | null,
  width: number,
): PlainTable[] {
  const indexes = report.result.scenarios.map((_, index) => index);
  for (const withPercent of [true, false]) {
    const table = breakdownTable(report, breakdown, top, indexes, withPercent);
    if (fits(table, width)) return [table];
  }
  const tables: PlainTable[] = [];
  let group: number[] = [];
  for (const index of indexes) {
    const candidate = [...group, index];
    if (group.length > 0 && !fits(breakdownTable(report, breakdown, top, candidate, true), width)) {
      tables.push(breakdownTable(report, breakdown, top, group, true));
      group = [index];
    } else {
      group = candidate;
    }
  }
  if (group.length > 0) tables.push(breakdownTable(report, breakdown, top, group, true));
  return tables;
}

/** The breakdown with all scenarios, cost and savings % (Markdown, where width does not matter). */
export function whatifBreakdownTable(
  report: WhatifReport,
  breakdown: Breakdown,
  top: number | null,
): PlainTable {
  return breakdownTable(
    report,
    breakdown,
    top,
    report.result.scenarios.map((_, index) => index),
    true,
  );
}

function breakdownTable(
  report: WhatifReport,
  breakdown: Breakdown,
  top: number | null,
  indexes: readonly number[],
  withPercent: boolean,
): PlainTable {
  const scenarios = indexes.flatMap((index) => report.result.scenarios[index] ?? []);
  const shown = top === null ? breakdown.rows : breakdown.rows.slice(0, top);
  const cell = (baselinePico: bigint, costPico: bigint): string =>
    withPercent ? `${usd(costPico)} ${percentText(baselinePico, baselinePico - costPico)}` : usd(costPico);
  const rows = shown.map((row) => [
    row.key ?? '(none)',
    formatCount(row.requests),
    usd(row.baselinePico),
    ...indexes.map((index) => cell(row.baselinePico, row.scenarioPico[index] ?? 0n)),
  ]);
  const hidden = breakdown.rows.length - shown.length;
  if (hidden > 0) rows.push([`(${hidden} more)`, '', '', ...indexes.map(() => '')]);
  const { baseline } = report.result;
  return {
    head: [breakdownHeading(breakdown.dimension), 'Requests', 'Baseline', ...scenarios.map((s) => s.name)],
    rows,
    footer: [
      'Total',
      formatCount(baseline.requests),
      usd(baseline.costPico),
      ...scenarios.map((scenario) => cell(baseline.costPico, scenario.costPico)),
    ],
    align: ['left', 'right', 'right', ...scenarios.map(() => 'right' as const)],
    shrinkable: [0],
  };
}

/** Whether the table fits `width` with its key column shrunk to at most MIN_KEY_WIDTH. */
function fits(table: PlainTable, width: number): boolean {
  const columnWidth = (column: number): number =>
    Math.max(
      table.head[column]?.length ?? 0,
      table.footer?.[column]?.length ?? 0,
      ...table.rows.map((cells) => cells[column]?.length ?? 0),
    );
  let total = Math.min(columnWidth(0), MIN_KEY_WIDTH);
  for (let column = 1; column < table.head.length; column++) total += 2 + columnWidth(column);
  return total <= width;
}

/** Per scenario: its operations with what each changed, and what could not change (with reasons). */
export function whatifScenarioLines(report: WhatifReport): string[] {
  const lines: string[] = [];
  report.result.scenarios.forEach((scenario, index) => {
    const operations = report.scenarios[index]?.operations ?? [];
    lines.push(`${scenario.name}: ${operations.join('; ')}`);
    for (const effect of scenario.effects) {
      lines.push(
        `  ${effect.operation}: ${pluralize(effect.requests, 'request')}, ${usd(effect.beforePico)} → ${usd(effect.afterPico)}`,
      );
    }
    if (scenario.excluded.records > 0) {
      lines.push(
        `  not changed: ${pluralize(scenario.excluded.requests, 'request')} (${pluralize(scenario.excluded.records, 'record')}):`,
      );
      for (const reason of scenario.excluded.reasons) {
        lines.push(
          `    ${reason.reason}: ${pluralize(reason.requests, 'request')}, ${usd(reason.baselinePico)}`,
        );
      }
    }
    for (const note of scenario.notes) lines.push(`  note: ${note}`);
  });
  return lines;
}
