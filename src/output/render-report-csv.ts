import Papa from 'papaparse';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { deltaPercent, type ComparedReport } from '../analysis/compare-report.ts';
import { formatAmountExact } from './format-money.ts';
import { rowBaseline } from './report-columns.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { reportFileColumns, type ReportFileColumn } from './report-file-columns.ts';

/**
 * The report's rows as CSV (RFC 4180, header row, no totals row so the file sums cleanly in a
 * spreadsheet). `cost_usd` (`cost_eur`… with `--currency`; in the report's cost mode) is the exact
 * decimal: its column sum equals the report total exactly. `list_cost_usd` and `reported_cost_usd` give both costs where
 * both exist. Text from the data (group values) is neutralised against formula injection.
 */
export function renderReportCsv(report: Report): string {
  const columns = reportFileColumns(report);
  const unit = report.currency.toLowerCase();
  const isCompared = (report as Partial<ComparedReport>).comparison !== undefined;
  const fields = [
    ...columns.map((column) => column.name),
    ...(isCompared ? [`baseline_cost_${unit}`, `change_cost_${unit}`, 'change_percent'] : []),
  ];
  const data = report.rows.map((row) => [
    ...columns.map((column) => csvCell(column, row)),
    ...(isCompared ? comparisonCells(row) : []),
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}

/** With `--compare`: the baseline cost, the change and the change in percent (empty without baseline). */
function comparisonCells(row: ReportRow): (string | number)[] {
  const baseline = rowBaseline(row);
  if (baseline === undefined) return ['', '', ''];
  const percent = baseline.hasBaseline ? deltaPercent(row.totals.costPico, baseline.costPico) : null;
  return [
    formatAmountExact(baseline.costPico),
    formatAmountExact(row.totals.costPico - baseline.costPico),
    percent ?? '',
  ];
}

function csvCell(column: ReportFileColumn, row: ReportRow): string | number {
  switch (column.kind) {
    case 'text':
      return neutralizeFormula(column.value(row));
    case 'periodStart': {
      const startMs = column.value(row);
      return startMs === null ? '' : new Date(startMs).toISOString();
    }
    case 'count':
      return column.value(row.totals);
    case 'money':
      return formatAmountExact(column.value(row.totals));
    default:
      return column satisfies never;
  }
}
