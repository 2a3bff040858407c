import { picoToDecimalString } from '../model/money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { savingsPercent, type WhatifReport } from './whatif-report.ts';

const HEAD = [
  'scenario',
  'dimension',
  'key',
  'requests',
  'records',
  'baseline_usd',
  'cost_usd',
  'savings_usd',
  'savings_pct',
  'excluded_requests',
];

/**
 * One row per scenario and total or breakdown key, dollars as exact decimal strings (USD), savings_pct
 * a percentage of the baseline (2 decimals, empty when the baseline is 0). `dimension` is `total` on the
 * scenario's total row, whose `excluded_requests` is the scenario's; breakdown rows leave it empty.
 */
export function renderWhatifCsv(report: WhatifReport): string {
  const { baseline, scenarios, breakdowns } = report.result;
  const lines = [HEAD.join(',')];
  // The first three cells are text (names, keys: neutralized for spreadsheets); the rest are numbers.
  const row = (cells: readonly (string | number | null)[]): void => {
    lines.push(
      cells
        .map((cell, index) => {
          const text = cell === null ? '' : String(cell);
          return index < 3 ? csvCell(text) : text;
        })
        .join(','),
    );
  };
  scenarios.forEach((scenario, index) => {
    row([
      scenario.name,
      'total',
      '',
      baseline.requests,
      baseline.records,
      picoToDecimalString(baseline.costPico),
      picoToDecimalString(scenario.costPico),
      picoToDecimalString(scenario.savingsPico),
      savingsPercent(baseline.costPico, scenario.savingsPico),
      scenario.excluded.requests,
    ]);
    for (const breakdown of breakdowns) {
      if (!report.shownBreakdowns.includes(breakdown.dimension)) continue;
      for (const entry of breakdown.rows) {
        const cost = entry.scenarioPico[index] ?? 0n;
        row([
          scenario.name,
          breakdown.dimension,
          entry.key,
          entry.requests,
          entry.records,
          picoToDecimalString(entry.baselinePico),
          picoToDecimalString(cost),
          picoToDecimalString(entry.baselinePico - cost),
          savingsPercent(entry.baselinePico, entry.baselinePico - cost),
          null,
        ]);
      }
    }
  });
  return `${lines.join('\n')}\n`;
}

function csvCell(text: string): string {
  const safe = neutralizeFormula(text);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
