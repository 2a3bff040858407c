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

/** One breakdown: the key, requests, baseline cost and each scenario's cost with its savings %. */
export function whatifBreakdownTable(
  report: WhatifReport,
  breakdown: Breakdown,
  top: number | null,
): PlainTable {
  const names = report.result.scenarios.map((scenario) => scenario.name);
  const shown = top === null ? breakdown.rows : breakdown.rows.slice(0, top);
  const cell = (baselinePico: bigint, costPico: bigint): string =>
    `${usd(costPico)} ${percentText(baselinePico, baselinePico - costPico)}`;
  const rows = shown.map((row) => [
    row.key ?? '(none)',
    formatCount(row.requests),
    usd(row.baselinePico),
    ...names.map((_, index) => cell(row.baselinePico, row.scenarioPico[index] ?? 0n)),
  ]);
  const hidden = breakdown.rows.length - shown.length;
  if (hidden > 0) rows.push([`(${hidden} more)`, '', '', ...names.map(() => '')]);
  const { baseline, scenarios } = report.result;
  return {
    head: [breakdownHeading(breakdown.dimension), 'Requests', 'Baseline', ...names],
    rows,
    footer: [
      'Total',
      formatCount(baseline.requests),
      usd(baseline.costPico),
      ...scenarios.map((scenario) => cell(baseline.costPico, scenario.costPico)),
    ],
    align: ['left', 'right', 'right', ...names.map(() => 'right' as const)],
    shrinkable: [0, ...names.map((_, index) => 3 + index)],
  };
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
