import Papa from 'papaparse';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { formatAmountExact } from './format-money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { reportFileColumns, rowLine, type ReportFileColumn } from './report-file-columns.ts';

/**
 * The report's rows as CSV (RFC 4180, header row, no totals row so the file sums cleanly in a
 * spreadsheet). `cost_usd` (`cost_eur`… with `--currency`; in the report's cost mode) is the exact
 * decimal: its column sum equals the report total exactly. `list_cost_usd` and `reported_cost_usd` give both costs where
 * both exist. Text from the data (group values) is neutralised against formula injection.
 */
export function renderReportCsv(report: Report): string {
  const columns = reportFileColumns(report);
  const data = report.rows.map((row) => columns.map((column) => csvCell(column, row)));
  return `${Papa.unparse({ fields: columns.map((column) => column.name), data }, { newline: '\n' })}\n`;
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
      return formatAmountExact(column.value(rowLine(row)));
    case 'ratio':
      return column.value(rowLine(row)) ?? '';
    default:
      return column satisfies never;
  }
}
